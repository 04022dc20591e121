package io.filterplayground.app.launch;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Makes {@code java -jar filter-playground.jar} run with huge-method JIT on ({@link
 * HugeMethodJit}). A JAR manifest cannot carry JVM options and the README's command is fixed, so
 * when this JVM has HotSpot's default, {@code Main} starts the same {@code java} again with {@link
 * HugeMethodJit#FLAG}, this JVM's own options and the user's arguments, lets the child use this
 * process's stdin, stdout and stderr, and exits with the child's status. The child also gets the
 * class archive of the app's classes ({@link ClassArchive}), which makes its start faster. The
 * launcher needs only the JDK, so the first JVM loads next to nothing of the app before it hands
 * over.
 *
 * <p>The child gets {@code -Dfilterplayground.relaunch=false}, so it never relaunches again. Users
 * and tests turn the relaunch off the same way, or with {@code FILTER_PLAYGROUND_RELAUNCH=false}.
 */
public final class Relaunch {
    /** {@code -Dfilterplayground.relaunch=false} keeps the app in the first JVM. */
    public static final String PROPERTY = "filterplayground.relaunch";

    /** The environment's way to say the same. */
    public static final String ENVIRONMENT = "FILTER_PLAYGROUND_RELAUNCH";

    /**
     * Where the launcher and the JVM pick up options besides the command line. Their options are
     * among this JVM's input arguments, which the child gets on its command line, so the child must
     * not read them a second time (nor print "Picked up ..." again).
     */
    static final List<String> OPTION_VARIABLES =
            List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS");

    /**
     * Options that attach a debugger or an agent to this JVM: whoever attached it wants the app
     * here, and a JDWP listener's port cannot be taken twice.
     */
    private static final List<String> AGENT_OPTIONS =
            List.of("-agentlib:", "-agentpath:", "-javaagent:", "-Xrun", "-Xdebug");

    private static final Set<String> NO = Set.of("false", "0", "no", "off");

    private Relaunch() {}

    /**
     * Runs the app in a child JVM with huge-method JIT on, if this one has HotSpot's default and
     * nothing says otherwise; returns the child's exit status, or empty when the app is to run in
     * this JVM.
     */
    public static OptionalInt ifNeeded(Class<?> mainClass, String[] args) {
        if (disabled(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT))
                || HugeMethodJit.ofThisJvm() != HugeMethodJit.OFF_BY_DEFAULT) {
            return OptionalInt.empty();
        }
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        String classPath = System.getProperty("java.class.path", "");
        Optional<ClassArchive> archive =
                ClassArchive.setByUser(jvmOptions)
                        ? Optional.empty()
                        : ClassArchive.of(System.getProperties(), System.getenv(), classPath);
        Optional<List<String>> command =
                command(
                        javaExecutable(),
                        archive.map(a -> a.jvmOptions(opensWindow(args))).orElse(List.of()),
                        jvmOptions,
                        classPath,
                        mainClass.getName(),
                        args);
        if (command.isEmpty()) {
            return OptionalInt.empty();
        }
        ProcessBuilder builder = new ProcessBuilder(command.get()).inheritIO();
        builder.environment().keySet().removeAll(OPTION_VARIABLES);
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            // Cannot start a JVM here: run in this one, at HotSpot's default.
            return OptionalInt.empty();
        }
        // Killed (SIGTERM, SIGHUP): take the child along rather than leave it running alone.
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroy, "relaunch-stop-child"));
        int status = waitFor(child);
        archive.ifPresent(a -> a.childExited(status));
        return OptionalInt.of(status);
    }

    /**
     * Whether these arguments open the window: no subcommand (the demo) or {@code gui}, and not
     * only asking for help or the version.
     */
    static boolean opensWindow(String[] args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return false;
            }
            if (!a.startsWith("-")) {
                return a.equals("gui");
            }
        }
        return true;
    }

    /** Whether the property or the environment variable turns the relaunch off. */
    static boolean disabled(String property, String environment) {
        return isNo(property) || isNo(environment);
    }

    private static boolean isNo(String value) {
        return value != null && NO.contains(value.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * The child's command line: {@code java}, the flag, the class archive's options, this JVM's
     * options (they come later, so they win), the guard, the class path and main class, the
     * arguments. Empty when this JVM should keep the app: an agent or debugger is attached, there
     * is no {@code java} executable (a runtime image without it) or no class path (a modular
     * launch).
     */
    static Optional<List<String>> command(
            Path java,
            List<String> archiveOptions,
            List<String> jvmOptions,
            String classPath,
            String mainClass,
            String[] args) {
        if (java == null
                || classPath.isEmpty()
                || jvmOptions.stream().anyMatch(Relaunch::attachesAnAgent)) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add(HugeMethodJit.FLAG);
        command.addAll(archiveOptions);
        command.addAll(jvmOptions);
        command.add("-D" + PROPERTY + "=false");
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(Arrays.asList(args));
        return Optional.of(command);
    }

    private static boolean attachesAnAgent(String option) {
        return AGENT_OPTIONS.stream().anyMatch(option::startsWith);
    }

    /**
     * This runtime's own launcher (the same JVM build, whatever is first on the PATH), or null: a
     * runtime image may have none.
     */
    private static Path javaExecutable() {
        String home = System.getProperty("java.home");
        if (home == null) {
            return null;
        }
        boolean windows = File.separatorChar == '\\';
        Path java = Path.of(home, "bin", windows ? "java.exe" : "java");
        return Files.isExecutable(java) ? java : null;
    }

    private static int waitFor(Process child) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return child.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
