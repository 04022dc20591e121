package io.filterplayground.app.launch;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;

/**
 * Whether this JVM JIT-compiles huge methods. HotSpot leaves a method of more than 8,000 bytecode
 * bytes to its bytecode interpreter unless started with {@code -XX:-DontCompileHugeMethods}.
 * Chicory's compiler turns each Wasm function into one JVM method, and Go's biggest functions (the
 * runtime, {@code fmt}) exceed that limit, so without the flag a Go filter's request takes about
 * twice as long.
 */
public enum HugeMethodJit {
    /** Huge methods are compiled: {@code -XX:-DontCompileHugeMethods} is in effect. */
    ON,
    /** HotSpot's default: huge methods stay interpreted. {@link Relaunch} turns this into ON. */
    OFF_BY_DEFAULT,
    /** Turned off on purpose ({@code -XX:+DontCompileHugeMethods}): left as the user set it. */
    OFF_BY_CHOICE,
    /** Not a HotSpot JVM, or a runtime without {@code jdk.management}: nothing to decide. */
    UNKNOWN;

    /** The JVM option that turns huge-method compilation on. */
    public static final String FLAG = "-XX:-DontCompileHugeMethods";

    private static final String OPTION = "DontCompileHugeMethods";

    /** Reads the option from HotSpot's diagnostic MXBean: its value and whether anyone set it. */
    public static HugeMethodJit ofThisJvm() {
        try {
            HotSpotDiagnosticMXBean hotSpot =
                    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hotSpot == null) {
                return UNKNOWN;
            }
            VMOption option = hotSpot.getVMOption(OPTION);
            return of(option.getValue(), option.getOrigin() == VMOption.Origin.DEFAULT);
        } catch (RuntimeException | LinkageError e) {
            // No such option (not HotSpot) or no jdk.management module in this runtime.
            return UNKNOWN;
        }
    }

    static HugeMethodJit of(String dontCompileHugeMethods, boolean isDefault) {
        if ("false".equals(dontCompileHugeMethods)) {
            return ON;
        }
        if ("true".equals(dontCompileHugeMethods)) {
            return isDefault ? OFF_BY_DEFAULT : OFF_BY_CHOICE;
        }
        return UNKNOWN;
    }

    /** One phrase for {@code --version}. */
    public String describe() {
        return switch (this) {
            case ON -> "huge-method JIT on (" + FLAG + ")";
            case OFF_BY_DEFAULT -> "huge-method JIT off (HotSpot's default)";
            case OFF_BY_CHOICE -> "huge-method JIT off (-XX:+DontCompileHugeMethods)";
            case UNKNOWN -> "huge-method JIT unknown (not a HotSpot JVM)";
        };
    }
}
