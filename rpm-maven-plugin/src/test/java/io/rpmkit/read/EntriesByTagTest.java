package io.rpmkit.read;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.rpmkit.format.TagType;

/** {@link EntriesByTag} answers as a map would, for any set of tag numbers, colliding ones included. */
class EntriesByTagTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 7, 64, 65, 200, 5000})
    void answersAsAMap(int count) {
        for (long seed = 0; seed < 20; seed++) {
            Random random = new Random(seed * 31 + count);
            EntriesByTag table = new EntriesByTag(count);
            Map<Integer, HeaderEntry> expected = new HashMap<>();
            // Tags of rpm's range, of one bucket's stride and of any int, so that slots collide.
            for (int i = 0; i < count; i++) {
                int tag = switch (i % 3) {
                    case 0 -> 1000 + random.nextInt(5000);
                    case 1 -> random.nextInt(64) << 16;
                    default -> random.nextInt();
                };
                HeaderEntry entry = new HeaderEntry(new byte[0], tag, TagType.BIN, 0, 0, 0);
                HeaderEntry earlier = expected.putIfAbsent(tag, entry);
                assertSame(earlier, table.putIfAbsent(entry), "put " + tag);
            }
            for (Map.Entry<Integer, HeaderEntry> entry : expected.entrySet()) {
                assertSame(entry.getValue(), table.get(entry.getKey()), "get " + entry.getKey());
            }
            for (int i = 0; i < 1000; i++) {
                int tag = random.nextInt();
                if (!expected.containsKey(tag)) {
                    assertNull(table.get(tag), "absent " + tag);
                }
            }
        }
    }
}
