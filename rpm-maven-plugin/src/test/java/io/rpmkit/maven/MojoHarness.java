package io.rpmkit.maven;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.maven.model.Build;
import org.apache.maven.model.License;
import org.apache.maven.model.Model;
import org.apache.maven.model.Organization;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import io.rpmkit.testing.ProjectFiles;

/**
 * Runs a goal of the plugin without Maven: a real {@link MavenProject} built from a {@link Model}, the
 * defaults Maven would inject read from the plugin's own descriptor (target/classes, so they follow
 * the Mojo), parameters set by name as a pom's {@code <configuration>} would, a recording log, and
 * stand-ins for the components the descriptor requires (a recording project helper, a settings
 * decrypter that takes passwords as written).
 *
 * <p>Settings of nested objects are written {@code "name=value"}, as one line of XML would be: File
 * fields resolve against the project's base directory, list fields split on commas.
 */
final class MojoHarness<M extends Mojo> {
    static final String GROUP_ID = "io.rpmkit.test";
    static final String ARTIFACT_ID = "demo";
    static final String VERSION = "1.0.0";
    static final String OUTPUT_TIMESTAMP = "2026-11-24T10:00:00Z";

    final Path basedir;
    private final ProjectFiles files;
    final MavenProject project;
    final M mojo;
    final RecordingLog log = new RecordingLog();
    final RecordingProjectHelper helper = new RecordingProjectHelper();
    /** What {@code ${settings}} gives: empty; a test adds servers to it. */
    final Settings settings = new Settings();

    private MojoHarness(Path basedir, M mojo, String goal) throws Exception {
        this.basedir = basedir;
        this.files = new ProjectFiles(basedir);
        this.project = project(basedir);
        this.mojo = mojo;
        mojo.setLog(log);
        Element descriptor = descriptor(goal);
        applyDefaults(descriptor);
        injectComponents(descriptor);
    }

    /** The {@code rpm} goal on a fresh project in {@code basedir}, with every default Maven would give it. */
    static MojoHarness<PackageMojo> packageGoal(Path basedir) throws Exception {
        return new MojoHarness<>(basedir, new PackageMojo(), "rpm");
    }

    /** The {@code verify} goal, in a project in {@code basedir}. */
    static MojoHarness<VerifyMojo> verifyGoal(Path basedir) throws Exception {
        return new MojoHarness<>(basedir, new VerifyMojo(), "verify");
    }

    /** The {@code sign} goal. */
    static MojoHarness<SignMojo> signGoal(Path basedir) throws Exception {
        return new MojoHarness<>(basedir, new SignMojo(), "sign");
    }

    /** The {@code inspect} goal. */
    static MojoHarness<InspectMojo> inspectGoal(Path basedir) throws Exception {
        return new MojoHarness<>(basedir, new InspectMojo(), "inspect");
    }

    private static MavenProject project(Path basedir) {
        Model model = new Model();
        model.setModelVersion("4.0.0");
        model.setGroupId(GROUP_ID);
        model.setArtifactId(ARTIFACT_ID);
        model.setVersion(VERSION);
        model.setPackaging("pom");
        model.setName("Demo package");
        model.setDescription("A package the plugin's tests build.");
        model.setUrl("https://example.com/demo");
        Organization organization = new Organization();
        organization.setName("Example");
        model.setOrganization(organization);
        License license = new License();
        license.setName("Apache-2.0");
        model.addLicense(license);
        Build build = new Build();
        build.setDirectory(basedir.resolve("target").toString());
        model.setBuild(build);
        model.addProperty("project.build.outputTimestamp", OUTPUT_TIMESTAMP);
        model.addProperty("greeting", "hello");
        MavenProject project = new MavenProject(model);
        project.setFile(basedir.resolve("pom.xml").toFile());
        return project;
    }

    void execute() throws MojoExecutionException, MojoFailureException {
        mojo.execute();
    }

    /** Sets a parameter of the Mojo, converting strings as Maven converts a pom's text. */
    MojoHarness<M> set(String parameter, Object value) throws Exception {
        Field field = field(mojo.getClass(), parameter);
        field.set(mojo, value instanceof String text ? convert(field, text) : value);
        return this;
    }

    Object get(String parameter) throws Exception {
        return field(mojo.getClass(), parameter).get(mojo);
    }

    /** Appends to a list parameter, e.g. {@code add("requires", "systemd >= 219")}. */
    @SuppressWarnings("unchecked")
    MojoHarness<M> add(String listParameter, Object element) throws Exception {
        Field field = field(mojo.getClass(), listParameter);
        List<Object> list = (List<Object>) field.get(mojo);
        if (list == null) {
            list = new ArrayList<>();
            field.set(mojo, list);
        }
        list.add(element);
        return this;
    }

    /** Adds one {@code <entry>}, e.g. {@code entry("path=/opt/a", "source=src/a.txt", "mode=0600")}. */
    EntryConfig entry(String... settings) throws Exception {
        EntryConfig entry = configure(new EntryConfig(), settings);
        add("entries", entry);
        return entry;
    }

    ScriptletConfig scriptlet(String... settings) throws Exception {
        ScriptletConfig scriptlet = configure(new ScriptletConfig(), settings);
        add("scriptlets", scriptlet);
        return scriptlet;
    }

    TriggerConfig trigger(String... settings) throws Exception {
        TriggerConfig trigger = configure(new TriggerConfig(), settings);
        add("triggers", trigger);
        return trigger;
    }

    /** A file under the base directory; parents are created. */
    Path file(String relative, String content) throws IOException {
        return files.file(relative, content);
    }

    Path file(String relative, byte[] content) throws IOException {
        return files.file(relative, content);
    }

    Path dir(String relative) throws IOException {
        return files.dir(relative);
    }

    Path symlink(String relative, String target) throws IOException {
        return files.symlink(relative, target);
    }

    Path path(String relative) {
        return files.path(relative);
    }

    Path outputDirectory() throws Exception {
        return ((File) get("outputDirectory")).toPath();
    }

    private <T> T configure(T target, String... settings) throws Exception {
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("write name=value, not '" + setting + "'");
            }
            Field field = field(target.getClass(), setting.substring(0, equals));
            field.set(target, convert(field, setting.substring(equals + 1)));
        }
        return target;
    }

    private Object convert(Field field, String text) {
        Class<?> type = field.getType();
        if (type == String.class) {
            return text;
        } else if (type == File.class) {
            return basedir.resolve(text).toFile();
        } else if (type == boolean.class || type == Boolean.class) {
            return Boolean.valueOf(text);
        } else if (type == Integer.class || type == int.class) {
            return Integer.valueOf(text);
        } else if (type == List.class && field.getGenericType() instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] == String.class) {
            return new ArrayList<>(Arrays.asList(text.split(",")));
        }
        throw new IllegalArgumentException("no conversion of '" + text + "' to " + field.getGenericType() + " for "
                + field.getName());
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // Look in the superclass.
            }
        }
        throw new IllegalArgumentException(type.getSimpleName() + " has no parameter '" + name + "'");
    }

    /** The components the descriptor requires, each by a stand-in: see {@link #component(String)}. */
    private void injectComponents(Element descriptor) throws IllegalAccessException {
        NodeList requirements = descriptor.getElementsByTagName("requirement");
        for (int i = 0; i < requirements.getLength(); i++) {
            Element requirement = (Element) requirements.item(i);
            field(mojo.getClass(), text(requirement, "field-name")).set(mojo, component(text(requirement, "role")));
        }
    }

    private Object component(String role) {
        if (role.equals(MavenProjectHelper.class.getName())) {
            return helper;
        } else if (role.equals(SettingsDecrypter.class.getName())) {
            return new PlainSettingsDecrypter();
        }
        throw new IllegalStateException("the harness has no stand-in for the component " + role
                + ": add one to component()");
    }

    /**
     * Sets each parameter's {@code default-value} as Maven would, from the descriptor that
     * maven-plugin-plugin generated for this build; property expressions ({@code ${rpm.x}}) stay
     * unset, as no user property is given.
     */
    private void applyDefaults(Element descriptor) throws Exception {
        Element configuration = (Element) descriptor.getElementsByTagName("configuration").item(0);
        NodeList parameters = configuration.getChildNodes();
        for (int i = 0; i < parameters.getLength(); i++) {
            if (parameters.item(i) instanceof Element parameter && parameter.hasAttribute("default-value")) {
                Object value = evaluate(parameter.getAttribute("default-value"));
                if (value != null) {
                    set(parameter.getTagName(), value);
                }
            }
        }
    }

    private Object evaluate(String expression) {
        if (!expression.startsWith("${")) {
            return expression;
        }
        Map<String, Object> known = new java.util.HashMap<>();
        known.put("project", project);
        known.put("settings", settings);
        known.put("project.artifactId", project.getArtifactId());
        known.put("project.groupId", project.getGroupId());
        known.put("project.version", project.getVersion());
        known.put("project.name", project.getName());
        known.put("project.description", project.getDescription());
        known.put("project.url", project.getUrl());
        known.put("project.organization.name", project.getOrganization().getName());
        known.put("project.build.directory", project.getBuild().getDirectory());
        known.put("project.basedir", basedir.toString());
        known.put("basedir", basedir.toString());
        known.put("session", null); // no session: the goal runs as outside a project unless a test gives one
        String key = expression.substring(2, expression.length() - 1);
        if (known.containsKey(key)) {
            return known.get(key);
        }
        Properties properties = project.getProperties();
        if (properties.containsKey(key)) {
            return properties.getProperty(key);
        }
        throw new IllegalStateException("the harness cannot evaluate " + expression + ": add it to evaluate()");
    }

    private static Element descriptor(String goal) throws Exception {
        Document descriptor;
        try (InputStream in = MojoHarness.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            if (in == null) {
                throw new IllegalStateException("META-INF/maven/plugin.xml is not on the class path: run"
                        + " maven-plugin-plugin's descriptor goal (mvn process-classes) first");
            }
            descriptor = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            if (goal.equals(text(mojo, "goal"))) {
                return mojo;
            }
        }
        throw new IllegalStateException("the plugin descriptor has no goal '" + goal + "'");
    }

    private static String text(Element parent, String child) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(child)) {
                return element.getTextContent().strip();
            }
        }
        return null;
    }

    /** Maven's log, kept: each line with its level, e.g. "WARN text". */
    static final class RecordingLog implements Log {
        final List<String> lines = new ArrayList<>();

        private void record(String level, CharSequence message, Throwable error) {
            lines.add(level + " " + message + (error == null ? "" : " " + error));
        }

        List<String> at(String level) {
            return lines.stream().filter(l -> l.startsWith(level + " ")).toList();
        }

        String text() {
            return String.join("\n", lines);
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public void debug(CharSequence content) {
            record("DEBUG", content, null);
        }

        @Override
        public void debug(CharSequence content, Throwable error) {
            record("DEBUG", content, error);
        }

        @Override
        public void debug(Throwable error) {
            record("DEBUG", "", error);
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public void info(CharSequence content) {
            record("INFO", content, null);
        }

        @Override
        public void info(CharSequence content, Throwable error) {
            record("INFO", content, error);
        }

        @Override
        public void info(Throwable error) {
            record("INFO", "", error);
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public void warn(CharSequence content) {
            record("WARN", content, null);
        }

        @Override
        public void warn(CharSequence content, Throwable error) {
            record("WARN", content, error);
        }

        @Override
        public void warn(Throwable error) {
            record("WARN", "", error);
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        public void error(CharSequence content) {
            record("ERROR", content, null);
        }

        @Override
        public void error(CharSequence content, Throwable error) {
            record("ERROR", content, error);
        }

        @Override
        public void error(Throwable error) {
            record("ERROR", "", error);
        }
    }

    /** Hands servers back as they are: their passwords are taken as plain text, never decrypted. */
    static final class PlainSettingsDecrypter implements SettingsDecrypter {
        @Override
        public SettingsDecryptionResult decrypt(SettingsDecryptionRequest request) {
            List<Server> servers = request.getServers() == null ? List.of() : List.copyOf(request.getServers());
            List<Proxy> proxies = request.getProxies() == null ? List.of() : List.copyOf(request.getProxies());
            return new SettingsDecryptionResult() {
                @Override
                public Server getServer() {
                    return servers.isEmpty() ? null : servers.get(0);
                }

                @Override
                public List<Server> getServers() {
                    return servers;
                }

                @Override
                public Proxy getProxy() {
                    return proxies.isEmpty() ? null : proxies.get(0);
                }

                @Override
                public List<Proxy> getProxies() {
                    return proxies;
                }

                @Override
                public List<SettingsProblem> getProblems() {
                    return List.of();
                }
            };
        }
    }

    /** Keeps what the goal attaches, as "type:classifier:file". */
    static final class RecordingProjectHelper implements MavenProjectHelper {
        final List<String> attached = new ArrayList<>();

        @Override
        public void attachArtifact(MavenProject project, File artifactFile, String artifactClassifier) {
            attachArtifact(project, null, artifactClassifier, artifactFile);
        }

        @Override
        public void attachArtifact(MavenProject project, String artifactType, File artifactFile) {
            attachArtifact(project, artifactType, null, artifactFile);
        }

        @Override
        public void attachArtifact(MavenProject project, String artifactType, String artifactClassifier,
                File artifactFile) {
            attached.add(artifactType + ":" + artifactClassifier + ":" + artifactFile);
        }

        @Override
        public void addResource(MavenProject project, String resourceDirectory, List<String> includes,
                List<String> excludes) {
            throw new UnsupportedOperationException("the rpm goal adds no resources");
        }

        @Override
        public void addTestResource(MavenProject project, String resourceDirectory, List<String> includes,
                List<String> excludes) {
            throw new UnsupportedOperationException("the rpm goal adds no test resources");
        }
    }
}
