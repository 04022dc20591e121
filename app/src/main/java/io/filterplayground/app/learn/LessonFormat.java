package io.filterplayground.app.learn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.filterplayground.engine.scenario.file.UntrustedDocuments;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a {@code lesson.md}: YAML front matter between {@code ---} lines ({@code title}, {@code
 * minutes}, {@code scenario}), then Markdown in which each fenced block whose info string is {@code
 * step} is a step (YAML: {@code goal}, {@code check}, {@code hint}, {@code hintAfter}, {@code
 * show}, {@code do}, {@code id}). Lesson files are untrusted: they are parsed within limits (size,
 * steps, goals; YAML through {@link UntrustedDocuments}), nothing in them runs, and a problem is
 * one {@link LessonException} naming the file and the place.
 */
public final class LessonFormat {
    /** Lessons are a few minutes of reading: far below this. */
    public static final int MAX_CHARS = 1 << 20;

    static final int MAX_STEPS = 50;
    static final int MAX_GOALS = 20;
    static final int MAX_ACTIONS = 20;

    private static final Pattern SCENARIO_NAME =
            Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*");

    private LessonFormat() {}

    /**
     * Parses lesson text; {@code name} names it in messages, {@code id} keys its progress, and
     * {@code source} reads its scenario and images.
     */
    public static Lesson parse(String text, String name, String id, LessonSource source) {
        if (text.length() > MAX_CHARS) {
            throw new LessonException(name + ": larger than " + (MAX_CHARS >> 10) + " KiB");
        }
        List<String> lines = text.lines().toList();
        int at = 0;
        while (at < lines.size() && lines.get(at).isBlank()) {
            at++;
        }
        if (at >= lines.size() || !lines.get(at).strip().equals("---")) {
            throw new LessonException(
                    name + ": a lesson starts with front matter: ---, title: ..., ---");
        }
        int end = at + 1;
        while (end < lines.size() && !lines.get(end).strip().equals("---")) {
            end++;
        }
        if (end >= lines.size()) {
            throw new LessonException(name + ": the front matter has no closing ---");
        }
        Fields front =
                new Fields(
                        yaml(String.join("\n", lines.subList(at + 1, end)), name, at + 2),
                        name + ":");
        String title = front.requiredText("title");
        Integer minutes = front.integer("minutes", 0, 600);
        String scenario = front.text("scenario");
        scenario = scenario == null ? "scenario.yaml" : scenario;
        if (!SCENARIO_NAME.matcher(scenario).matches() || scenario.contains("..")) {
            throw Fields.bad(
                    front.path("scenario"),
                    "a file name inside the lesson's folder is expected, such as scenario.yaml");
        }
        front.done();
        List<Lesson.Section> sections = body(lines, end + 1, name);
        return new Lesson(id, 0, title, minutes == null ? 0 : minutes, scenario, sections, source);
    }

    private static List<Lesson.Section> body(List<String> lines, int from, String name) {
        List<Lesson.Section> sections = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        StringBuilder prose = new StringBuilder();
        String fence = null;
        int stepStart = -1;
        StringBuilder step = new StringBuilder();
        for (int i = from; i < lines.size(); i++) {
            String line = lines.get(i);
            String s = line.strip();
            if (stepStart >= 0) {
                if (s.equals(fence)) {
                    Step st = step(step.toString(), name, stepStart, sections.size() + 1);
                    if (!ids.add(st.id())) {
                        throw new LessonException(
                                name
                                        + ": line "
                                        + stepStart
                                        + ": a second step with id "
                                        + st.id());
                    }
                    sections.add(new Lesson.Section(trim(prose), st));
                    prose.setLength(0);
                    step.setLength(0);
                    stepStart = -1;
                    fence = null;
                } else {
                    step.append(line).append('\n');
                }
                continue;
            }
            if (fence == null && (s.startsWith("```") || s.startsWith("~~~"))) {
                String marker = s.substring(0, 3);
                if (s.substring(3).strip().equals("step")) {
                    if (sections.size() >= MAX_STEPS) {
                        throw new LessonException(
                                name + ": more than " + MAX_STEPS + " steps in one lesson");
                    }
                    fence = marker;
                    stepStart = i + 1;
                    continue;
                }
                fence = marker;
            } else if (fence != null && s.equals(fence)) {
                fence = null;
            }
            prose.append(line).append('\n');
        }
        if (stepStart >= 0) {
            throw new LessonException(
                    name + ": line " + stepStart + ": the step block is not closed");
        }
        String rest = trim(prose);
        if (!rest.isEmpty() || sections.isEmpty()) {
            sections.add(new Lesson.Section(rest, null));
        }
        return sections;
    }

    private static Step step(String yaml, String name, int line, int number) {
        String where = name + ": step " + number + " (line " + line + "):";
        Fields f = new Fields(yaml(yaml, name, line + 1), where);
        String goal = f.requiredText("goal");
        String id = f.text("id");
        List<JsonNode> checks = f.list("check");
        if (checks.isEmpty()) {
            throw Fields.bad(f.path("check"), "at least one goal is required");
        }
        if (checks.size() > MAX_GOALS) {
            throw Fields.bad(f.path("check"), "more than " + MAX_GOALS + " goals");
        }
        List<Goal> goals = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            goals.add(Goals.read(checks.get(i), f.path("check") + "[" + i + "]"));
        }
        List<JsonNode> dos = f.list("do");
        if (dos.size() > MAX_ACTIONS) {
            throw Fields.bad(f.path("do"), "more than " + MAX_ACTIONS + " actions");
        }
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < dos.size(); i++) {
            actions.add(Actions.read(dos.get(i), f.path("do") + "[" + i + "]"));
        }
        Long hintAfter = f.millis("hintAfter");
        Pointer show = f.has("show") ? pointer(f.child("show")) : Pointer.NONE;
        if (!f.has("show")) {
            f.raw("show");
        }
        String hint = f.text("hint");
        f.done();
        return new Step(
                id == null ? Integer.toString(number) : id,
                number,
                goal,
                goals,
                hint,
                hintAfter == null ? Step.DEFAULT_HINT_AFTER_MILLIS : hintAfter,
                show,
                actions);
    }

    private static Pointer pointer(Fields f) {
        Pointer p =
                new Pointer(
                        oneOf(f, "tab", Pointer.TABS),
                        f.text("filter"),
                        f.text("request"),
                        f.text("callback"),
                        oneOf(f, "panel", Pointer.PANELS));
        f.done();
        return p;
    }

    private static String oneOf(Fields f, String name, List<String> allowed) {
        String v = f.text(name);
        if (v != null && !allowed.contains(v)) {
            throw Fields.bad(
                    f.path(name),
                    "unknown " + name + " '" + v + "' (" + String.join(", ", allowed) + ")");
        }
        return v;
    }

    private static JsonNode yaml(String text, String name, int firstLine) {
        try {
            JsonNode n = UntrustedDocuments.readTree(text);
            return n == null || n.isMissingNode() ? null : n;
        } catch (JsonProcessingException e) {
            String where =
                    e.getLocation() == null || e.getLocation().getLineNr() < 1
                            ? ""
                            : " (line " + (firstLine + e.getLocation().getLineNr() - 1) + ")";
            throw new LessonException(
                    name
                            + ": not valid YAML"
                            + where
                            + ": "
                            + firstSentence(e.getOriginalMessage()));
        }
    }

    private static String firstSentence(String m) {
        if (m == null) {
            return "unknown problem";
        }
        return m.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(m);
    }

    private static String trim(StringBuilder sb) {
        return sb.toString().strip();
    }
}
