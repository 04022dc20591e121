package io.filterplayground.samples;

import java.util.List;

/**
 * The built-in lessons of Learn mode, one folder each under {@code sample-modules/lessons/} (a
 * {@code lesson.md} and the scenario it names, plain files a teacher can copy and edit). The build
 * packages them as resources under {@code io/filterplayground/samples/lessons/<folder>/}; a jar
 * cannot list its folders, hence this list, in the lessons' order.
 */
public final class Lessons {
    /** The lesson folders, in order: lesson N is {@code FOLDERS.get(N - 1)}. */
    public static final List<String> FOLDERS =
            List.of(
                    "01-three-ways",
                    "02-threading",
                    "03-vm-sharing",
                    "04-singleton",
                    "05-contexts",
                    "06-stop-and-go",
                    "07-callouts",
                    "08-failures",
                    "09-beyond-http",
                    "10-to-production");

    private Lessons() {}

    /** Classpath folder of a lesson, ending with {@code /}. */
    public static String resourceFolder(String folder) {
        return Resources.ROOT + "lessons/" + folder + "/";
    }

    /** The text of a lesson's {@code lesson.md}. */
    public static String lessonText(String folder) {
        return Resources.text(resourceFolder(folder) + "lesson.md");
    }
}
