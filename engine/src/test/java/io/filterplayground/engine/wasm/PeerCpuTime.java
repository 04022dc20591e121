package io.filterplayground.engine.wasm;

import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.trace.TraceDetail;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link PeerComparisonBenchmark}'s request measured in thread CPU time and bytes allocated, ours
 * at the minimal trace, ours at the full trace and the peer taking turns in one JVM: on a machine
 * shared with other work, wall-clock time per request varies by several times between runs, while
 * the CPU time of the measuring thread and the ratios between the three hold.
 *
 * <p>Run: {@code mvn -q -Pbench -pl engine -am verify -DskipTests
 * -Dbench.main=io.filterplayground.engine.wasm.PeerCpuTime -Djmh.args="noop 1"} (module, filters,
 * rounds).
 */
public final class PeerCpuTime {
    private interface Request {
        Object run() throws Throwable;
    }

    public static void main(String[] a) throws Throwable {
        String module = a.length > 0 ? a[0] : "noop";
        int filters = a.length > 1 ? Integer.parseInt(a[1]) : 1;
        int rounds = a.length > 2 ? Integer.parseInt(a[2]) : 9;
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        FilterLevelHost[] minimal = new FilterLevelHost[filters];
        FilterLevelHost[] full = new FilterLevelHost[filters];
        PeerComparisonBenchmark.Peer[] peer = new PeerComparisonBenchmark.Peer[filters];
        for (int i = 0; i < filters; i++) {
            minimal[i] = new FilterLevelHost(module, Machine.COMPILED, TraceDetail.MINIMAL);
            full[i] = new FilterLevelHost(module, Machine.COMPILED, TraceDetail.FULL);
            peer[i] = new PeerComparisonBenchmark.Peer(module);
        }
        String[] names = {"playground", "playground-full", "roastedroot"};
        Request[] requests = {
            () -> each(minimal), () -> each(full), () -> each(peer),
        };
        int n = module.equals("noop") || module.equals("raw-abi") ? 200_000 : 20_000;
        Object sink = null;
        for (int w = 0; w < 5; w++) {
            for (Request r : requests) {
                for (int i = 0; i < n; i++) {
                    sink = r.run();
                }
            }
        }
        double[][] micros = new double[requests.length][rounds];
        double[] bytes = new double[requests.length];
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < requests.length; k++) {
                long b0 = mx.getCurrentThreadAllocatedBytes();
                long t0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    sink = requests[k].run();
                }
                micros[k][round] = (mx.getCurrentThreadCpuTime() - t0) / 1000.0 / n;
                bytes[k] = (double) (mx.getCurrentThreadAllocatedBytes() - b0) / n;
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s x%d (median of %d)%n", module, filters, rounds));
        double peerMedian = median(micros[2]);
        for (int k = 0; k < requests.length; k++) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  %-16s %8.3f us CPU  %6.0f B  %.2f x peer%n",
                            names[k],
                            median(micros[k]),
                            bytes[k],
                            median(micros[k]) / peerMedian));
        }
        System.out.print(out);
        System.out.println(sink == null ? "" : "");
        // No closing: the peer's close traps on some modules (an unsupported proc_exit).
        System.exit(0);
    }

    private static Object each(FilterLevelHost[] hosts) {
        Object last = null;
        for (FilterLevelHost h : hosts) {
            last = h.request();
        }
        return last;
    }

    private static Object each(PeerComparisonBenchmark.Peer[] peers) throws Throwable {
        Object last = null;
        for (PeerComparisonBenchmark.Peer p : peers) {
            last = p.request();
        }
        return last;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
