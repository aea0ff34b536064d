/**
 * Runs iommusim's tasks on Apache Spark ({@code --spark MASTER}): {@link
 * org.iommusim.cluster.SparkTaskExecutor} submits one Spark task per (plan point, replication),
 * takes the results back on the driver as they finish and hands them to the runner, which merges
 * them exactly as a local run does. This module builds {@code iommusim-cluster.jar}, the
 * application jar {@code spark-submit} takes (iommusim and its dependencies, Spark itself
 * excluded), and the list of Spark's jars the launcher puts beside it. The default
 * {@code iommusim.jar} never contains Spark.
 */
package org.iommusim.cluster;
