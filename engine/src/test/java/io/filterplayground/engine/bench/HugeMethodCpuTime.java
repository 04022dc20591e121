package io.filterplayground.engine.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link HugeMethodBenchmark}'s requests timed by the calling thread's CPU time rather than the
 * wall clock: on a shared, loaded machine the wall time of a request says more about the other
 * processes than about the request. Prints the CPU microseconds per request of each 2-second
 * window, then the median of the last six. Run one JVM per case, with the options the case names:
 *
 * <pre>
 * cd engine; CP="...the engine's test classpath..."
 * java -Xms1g -Xmx1g -XX:-DontCompileHugeMethods -cp "$CP" \
 *     io.filterplayground.engine.bench.HugeMethodCpuTime ours 60     # as shipped
 * java -Xms1g -Xmx1g -cp "$CP" io.filterplayground.engine.bench.HugeMethodCpuTime ours 60
 * java -Xms1g -Xmx1g -cp "$CP" io.filterplayground.engine.bench.HugeMethodCpuTime peer 60
 * </pre>
 *
 * The second argument is the warm-up in seconds of wall time (C2 compiles a hundred huge methods
 * slowly on a loaded machine; the windows show when it is done).
 */
public final class HugeMethodCpuTime {
    private HugeMethodCpuTime() {}

    private interface Request {
        Object call() throws Throwable;
    }

    public static void main(String[] args) throws Throwable {
        Request request;
        if (args[0].equals("peer")) {
            HugeMethodBenchmark.Theirs theirs = new HugeMethodBenchmark.Theirs();
            theirs.start();
            request = theirs::request;
        } else {
            HugeMethodBenchmark.Ours ours = new HugeMethodBenchmark.Ours();
            ours.start();
            request = ours::request;
        }
        long warmUpEnd = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> windows = new ArrayList<>();
        while (windows.size() < 6) {
            long wallEnd = System.nanoTime() + 2_000_000_000L;
            long cpu = threads.getCurrentThreadCpuTime();
            int n = 0;
            while (System.nanoTime() < wallEnd) {
                request.call();
                n++;
            }
            double perRequest = (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / n;
            boolean measured = System.nanoTime() > warmUpEnd;
            System.out.printf(
                    "%s %.0f µs CPU/request (%d requests)%n",
                    measured ? "measure" : "warm-up", perRequest, n);
            if (measured) {
                windows.add(perRequest);
            }
        }
        windows.sort(Double::compare);
        System.out.printf(
                "%s median of 6 windows: %.0f µs CPU/request%n",
                args[0], (windows.get(2) + windows.get(3)) / 2);
        System.exit(0);
    }
}
