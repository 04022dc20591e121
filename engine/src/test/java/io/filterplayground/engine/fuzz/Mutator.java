package io.filterplayground.engine.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of a seed input: bit flips, interesting bytes, deletions, duplications, splices
 * from another seed and, for text, tokens from a dictionary and swapped lines. The same seed gives
 * the same inputs, so a failure can be replayed from the seed as well as from the file kept.
 */
final class Mutator {
    private static final byte[] INTERESTING = {0, 1, -1, 0x7f, (byte) 0x80, 0x40, 0x0b, 0x0a};

    private final Random random;
    private final List<byte[]> seeds;
    private final List<byte[]> dictionary;

    Mutator(long seed, List<byte[]> seeds, List<String> dictionary) {
        this.random = new Random(seed);
        this.seeds = seeds;
        this.dictionary = dictionary.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** A new input: a seed with one to five mutations. */
    byte[] next() {
        byte[] b = seeds.get(random.nextInt(seeds.size()));
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            b = mutate(b);
        }
        return b;
    }

    private byte[] mutate(byte[] in) {
        if (in.length == 0) {
            return token();
        }
        int at = random.nextInt(in.length);
        switch (random.nextInt(dictionary.isEmpty() ? 6 : 8)) {
            case 0 -> {
                byte[] out = in.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
                return out;
            }
            case 1 -> {
                byte[] out = in.clone();
                out[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                return out;
            }
            case 2 -> {
                return splice(
                        in, at, Math.min(in.length, at + 1 + random.nextInt(16)), new byte[0]);
            }
            case 3 -> {
                int end = Math.min(in.length, at + 1 + random.nextInt(64));
                byte[] chunk = java.util.Arrays.copyOfRange(in, at, end);
                return splice(in, end, end, chunk);
            }
            case 4 -> {
                byte[] other = seeds.get(random.nextInt(seeds.size()));
                int from = random.nextInt(Math.max(1, other.length));
                int to = Math.min(other.length, from + random.nextInt(128));
                return splice(in, at, at, java.util.Arrays.copyOfRange(other, from, to));
            }
            case 5 -> {
                byte[] out = in.clone();
                out[at] = (byte) random.nextInt(256);
                return out;
            }
            case 6 -> {
                return splice(in, at, at, token());
            }
            default -> {
                return swapLines(in);
            }
        }
    }

    private byte[] token() {
        return dictionary.isEmpty()
                ? new byte[] {(byte) random.nextInt(256)}
                : dictionary.get(random.nextInt(dictionary.size()));
    }

    private byte[] swapLines(byte[] in) {
        String[] lines = new String(in, StandardCharsets.ISO_8859_1).split("\n", -1);
        if (lines.length < 2) {
            return in;
        }
        int a = random.nextInt(lines.length);
        int b = random.nextInt(lines.length);
        String t = lines[a];
        lines[a] = lines[b];
        lines[b] = t;
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] splice(byte[] in, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + insert.length);
        out.write(in, 0, from);
        out.write(insert, 0, insert.length);
        out.write(in, to, in.length - to);
        return out.toByteArray();
    }
}
