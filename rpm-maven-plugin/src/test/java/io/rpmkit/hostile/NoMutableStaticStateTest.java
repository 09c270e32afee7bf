package io.rpmkit.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.rpmkit.spec.PackageSpec;

/**
 * The core may run in several threads of one Maven (mvn -T, a daemon, an IDE): no class of it may
 * keep state that one build could change under another. Redline's {@code Contents.addBuiltinDirectory}
 * was such state. Every class compiled from src/main under io.rpmkit, except the Mojos in
 * io.rpmkit.maven, is loaded and each static field, and each field of each enum constant (an enum
 * constant is a static too), must be final and hold a value that cannot change: null, a primitive, a
 * String or another JDK value type, an immutable collection of such values, an empty array, or an
 * object whose own fields are all final and hold such values (stateless lambdas and anonymous classes
 * among them).
 */
class NoMutableStaticStateTest {
    private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Boolean.class, Byte.class, Short.class,
            Character.class, Integer.class, Long.class, Float.class, Double.class, BigInteger.class,
            BigDecimal.class, Pattern.class, DateTimeFormatter.class, Locale.class, Class.class, Path.class,
            HexFormat.class);
    @Test
    void coreClassesKeepNoMutableStaticState() throws Exception {
        List<String> problems = new ArrayList<>(scanCore());
        assertEquals(List.of(), problems, "mutable static state in the core:\n  " + String.join("\n  ", problems));
    }

    private List<String> scanCore() throws Exception {
        Path classes = Path.of(PackageSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = coreClassNames(classes);
        assertTrue(names.size() > 50, "found only " + names.size() + " classes under " + classes);
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            Class<?> type = Class.forName(name, true, getClass().getClassLoader());
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    checkStatic(field, problems);
                }
            }
        }
        return problems;
    }

    @Test
    void findsWhatItLooksFor() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Class<?> type : List.of(Planted.class, Planted.Counter.class)) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    checkStatic(field, problems);
                }
            }
        }
        assertEquals(List.of(
                "Planted.counter: not final",
                "Planted.cache: java.util.HashMap is mutable",
                "Planted.table: a non-empty array (int[]) is mutable",
                "Planted.names: java.util.ArrayList is mutable",
                "Planted.holder: field Holder.value is not final",
                "Planted.wrapped: an element: field Holder.value is not final",
                "Counter.ONE.count: not final"), problems);
    }

    private static List<String> coreClassNames(Path classes) throws Exception {
        try (Stream<Path> walk = Files.walk(classes.resolve("io/rpmkit"))) {
            return walk.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .filter(n -> !n.startsWith("io.rpmkit.maven.") && !n.endsWith("package-info"))
                    .sorted().toList();
        }
    }

    private static void checkStatic(Field field, List<String> problems) throws IllegalAccessException {
        String where = field.getDeclaringClass().getSimpleName() + "." + field.getName();
        if (field.isSynthetic() && field.getType().isArray() && field.getName().startsWith("$SwitchMap$")) {
            return; // javac's switch-on-enum table: written once by the class initializer
        }
        if (field.isSynthetic() && field.getName().equals("$VALUES")) {
            return; // an enum's values(), which hands out copies
        }
        if (!Modifier.isFinal(field.getModifiers())) {
            problems.add(where + ": not final");
            return;
        }
        field.setAccessible(true);
        Object value = field.get(null);
        if (value instanceof Enum<?> constant && constant.getDeclaringClass() == field.getDeclaringClass()) {
            // An enum constant: its fields are shared by every build.
            checkFields(value, where, problems, new IdentityHashMap<>(), true);
            return;
        }
        String problem = mutability(value, new IdentityHashMap<>());
        if (problem != null) {
            problems.add(where + ": " + problem);
        }
    }

    /** Null when {@code value} cannot change, else why it can. */
    private static String mutability(Object value, Map<Object, Boolean> seen) throws IllegalAccessException {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return null;
        }
        Class<?> type = value.getClass();
        if (IMMUTABLE.contains(type) || type.isEnum() || value instanceof Enum<?> || value instanceof Charset
                || value instanceof Path || type.getName().startsWith("java.time.")) {
            return null; // an enum's own fields are checked where the enum is declared
        }
        if (type.isArray()) {
            return Array.getLength(value) == 0 ? null
                    : "a non-empty array (" + type.getComponentType().getSimpleName() + "[]) is mutable";
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            if (!type.getName().startsWith("java.util.ImmutableCollections")
                    && !type.getName().startsWith("java.util.Collections$Unmodifiable")
                    && !type.getName().startsWith("java.util.Collections$Empty")
                    && !type.getName().startsWith("java.util.Collections$Singleton")) {
                return type.getName() + " is mutable";
            }
            Iterable<?> elements = value instanceof Map<?, ?> map ? map.entrySet() : (Collection<?>) value;
            for (Object element : elements) {
                Object[] parts = element instanceof Map.Entry<?, ?> entry
                        ? new Object[] {entry.getKey(), entry.getValue()} : new Object[] {element};
                for (Object part : parts) {
                    String problem = mutability(part, seen);
                    if (problem != null) {
                        return "an element: " + problem;
                    }
                }
            }
            return null;
        }
        if (type.getName().startsWith("java.") || type.getName().startsWith("javax.")
                || type.getName().startsWith("jdk.") || type.getName().startsWith("sun.")) {
            return type.getName() + " is not known to be immutable: add it to IMMUTABLE if it is";
        }
        List<String> problems = new ArrayList<>();
        checkFields(value, null, problems, seen, false);
        return problems.isEmpty() ? null : problems.get(0);
    }

    /** Every instance field of {@code value}'s class and its superclasses must be final and immutable. */
    private static void checkFields(Object value, String where, List<String> problems, Map<Object, Boolean> seen,
            boolean enumConstant) throws IllegalAccessException {
        for (Class<?> c = value.getClass(); c != null && c != Object.class && c != Enum.class && c != Record.class;
                c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                String name = enumConstant ? where + "." + field.getName()
                        : "field " + c.getSimpleName() + "." + field.getName();
                if (!Modifier.isFinal(field.getModifiers())) {
                    problems.add(name + (enumConstant ? ": not final" : " is not final"));
                    continue;
                }
                field.setAccessible(true);
                String problem = mutability(field.get(value), seen);
                if (problem != null) {
                    problems.add(name + ": " + problem);
                }
            }
        }
    }

    /** What the scan must find: one of each kind of mutable static. */
    @SuppressWarnings("unused")
    private static final class Planted {
        static int counter;
        static final Map<String, String> cache = new java.util.HashMap<>();
        static final int[] table = {1};
        static final int[] empty = {};
        static final List<String> names = new ArrayList<>();
        static final List<String> fixed = List.of("a");
        static final Holder holder = new Holder();
        static final Object wrapped = List.of(new Holder());
        static final Runnable stateless = () -> { };
        static final Pattern pattern = Pattern.compile("x");

        static final class Holder {
            int value;
        }

        enum Counter {
            ONE;

            int count;
        }
    }
}
