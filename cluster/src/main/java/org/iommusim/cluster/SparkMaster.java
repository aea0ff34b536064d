package org.iommusim.cluster;

import java.util.regex.Pattern;
import org.iommusim.core.input.UserInputException;

/**
 * A Spark master URL as {@code --spark} takes it, checked before anything starts: {@code local},
 * {@code local[N]}, {@code local[*]}, {@code local[N,F]} (F attempts per task), {@code
 * spark://HOST:PORT[,HOST:PORT...]}, {@code yarn}, {@code k8s://URL}, {@code mesos://...}.
 * Anything else is bad input naming the forms Spark accepts.
 */
public record SparkMaster(String url) {
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://[^:/,]+:[0-9]+(,[^:/,]+:[0-9]+)*");

    public static SparkMaster parse(String url) {
        String u = url.trim();
        if (LOCAL.matcher(u).matches() || STANDALONE.matcher(u).matches() || u.equals("yarn")
                || (u.startsWith("k8s://") && u.length() > 6) || (u.startsWith("mesos://") && u.length() > 8)) {
            return new SparkMaster(u);
        }
        throw new UserInputException("--spark '" + url + "' is not a Spark master URL; allowed: local[N], local[*],"
                + " local[N,F] (F attempts per task), spark://HOST:PORT, yarn, k8s://https://HOST:PORT");
    }

    /** Whether the driver and the executors share this JVM. */
    public boolean isLocal() {
        return url.startsWith("local");
    }
}
