package org.iommusim.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.iommusim.core.input.UserInputException;
import org.iommusim.scenarios.runner.PointTask;
import org.iommusim.scenarios.runner.TaskExecutor;
import org.iommusim.scenarios.runner.TaskResult;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs {@link PointTask}s as one Spark job: an RDD of the tasks with one partition each (so Spark
 * schedules, retries and speculates each run on its own), submitted with a result handler that
 * queues every {@link TaskResult} on the driver as its task finishes; the thread that called
 * {@link #execute} hands them to the runner. A task
 * that fails {@code spark.task.maxFailures} times (local masters: the F of {@code local[N,F]},
 * else 1) aborts the job; the exception then names the task's point. {@link #cancel} cancels
 * the job; results already handed over stay with the runner.
 *
 * <p>The Spark context is made per {@link #execute} and stopped at its end. Under
 * {@code spark-submit} the master spark-submit was given must equal {@code --spark}. On local
 * masters the driver binds to 127.0.0.1 and the web UI is off; on others the application jar is
 * shipped to the executors ({@code spark.jars}) unless spark-submit already did.
 */
public final class SparkTaskExecutor implements TaskExecutor {
    private static final Pattern FAILED_TASK = Pattern.compile("Task (\\d+) in stage \\S+ failed (\\d+) times");
    private static final String GROUP = "iommusim";

    private final SparkMaster master;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile SimpleFutureAction<BoxedUnit> job;
    private volatile double startSeconds;

    public SparkTaskExecutor(SparkMaster master) {
        this.master = master;
    }

    @Override
    public String describe() {
        return "spark " + master.url();
    }

    /** The Spark configuration of a run: system properties (spark-submit's) plus what iommusim needs. */
    SparkConf conf() {
        SparkConf conf = new SparkConf().setAppName("iommusim");
        if (conf.contains("spark.master") && !conf.get("spark.master").equals(master.url())) {
            throw new UserInputException("--spark " + master.url() + " differs from the master spark-submit was given ("
                    + conf.get("spark.master") + "); give both the same URL");
        }
        conf.setMaster(master.url());
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        if (master.isLocal()) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.ui.enabled", "false");
        } else if (!conf.contains("spark.jars")) {
            Path jar = applicationJar();
            if (jar != null) {
                conf.set("spark.jars", jar.toString());
            }
        }
        return conf;
    }

    @Override
    public void execute(List<PointTask> tasks, Consumer<TaskResult> finished) {
        if (tasks.isEmpty() || cancelled.get()) {
            return;
        }
        long t0 = System.nanoTime();
        try (JavaSparkContext jsc = new JavaSparkContext(conf())) {
            startSeconds = (System.nanoTime() - t0) / 1e9;
            SparkContext sc = jsc.sc();
            sc.setJobGroup(GROUP, "iommusim: " + tasks.size() + " runs", true);
            List<Object> partitions = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                partitions.add(i);
            }
            BlockingQueue<TaskResult> arrived = new LinkedBlockingQueue<>();
            job = sc.submitJob(jsc.parallelize(tasks, tasks.size()).rdd(), new RunPartition(),
                    CollectionConverters.asScala(partitions).toSeq(), new Handler(arrived), new Unit());
            if (cancelled.get()) {
                job.cancel();
            }
            try {
                // results are handed over on this thread, so decoding them never holds up Spark's scheduler
                while (!job.isCompleted() || !arrived.isEmpty()) {
                    TaskResult r = arrived.poll(100, TimeUnit.MILLISECONDS);
                    if (r != null) {
                        finished.accept(r);
                    }
                }
                job.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                job.cancel();
            } catch (SparkException e) {
                if (cancelled.get() || sc.isStopped() || job.isCancelled()) {
                    return; // interrupted: the finished results were handed over already
                }
                throw new IllegalStateException(failure(e, tasks), e);
            }
        }
    }

    /** "the Spark job failed: point 'P' replication K failed N times; last error: ..." from Spark's abort message. */
    static String failure(SparkException e, List<PointTask> tasks) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            Matcher m = FAILED_TASK.matcher(message);
            if (m.find()) {
                int task = Integer.parseInt(m.group(1));
                String point = task < tasks.size() ? tasks.get(task).describe() : "task " + task;
                return "the Spark job failed: " + point + " failed " + m.group(2) + " time(s), so it fails"
                        + " deterministically; Spark said: " + message.lines().findFirst().orElse(message);
            }
        }
        return "the Spark job failed: " + e.getMessage();
    }

    /** Seconds the last {@link #execute} spent starting its Spark context (0 before any). */
    public double startSeconds() {
        return startSeconds;
    }

    @Override
    public void cancel() {
        cancelled.set(true);
        SimpleFutureAction<BoxedUnit> j = job;
        if (j != null) {
            j.cancel();
        }
    }

    @Override
    public void close() {
        cancel();
    }

    /** The jar this class was loaded from, if it is a jar (the launcher's iommusim-cluster.jar). */
    private static Path applicationJar() {
        try {
            Path p = Path.of(SparkTaskExecutor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Driver side, on Spark's scheduler thread: queues each partition's result for {@link #execute}'s thread. */
    private static final class Handler extends AbstractFunction2<Object, TaskResult, BoxedUnit> {
        private final BlockingQueue<TaskResult> arrived;

        Handler(BlockingQueue<TaskResult> arrived) {
            this.arrived = arrived;
        }

        @Override
        public BoxedUnit apply(Object partition, TaskResult result) {
            arrived.add(result);
            return BoxedUnit.UNIT;
        }
    }

    /** The job's value (nothing: results go through the handler). */
    private static final class Unit extends AbstractFunction0<BoxedUnit> {
        @Override
        public BoxedUnit apply() {
            return BoxedUnit.UNIT;
        }
    }
}
