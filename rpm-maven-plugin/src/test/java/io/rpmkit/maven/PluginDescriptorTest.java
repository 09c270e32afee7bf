package io.rpmkit.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The descriptor maven-plugin-plugin generated from the Mojos' javadoc, which {@code help -Ddetail}
 * and the site show: every goal and every parameter a user can set has a description.
 */
class PluginDescriptorTest {
    @Test
    void everyGoalAndParameterIsDescribed() throws Exception {
        Document descriptor;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/maven/plugin.xml")) {
            descriptor = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        List<String> undescribed = new ArrayList<>();
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        assertTrue(mojos.getLength() >= 5, mojos.getLength() + " goals");
        int parameters = 0;
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = text(mojo, "goal");
            if (text(mojo, "description").isBlank()) {
                undescribed.add(goal);
            }
            NodeList list = ((Element) mojo.getElementsByTagName("parameters").item(0)).getElementsByTagName("parameter");
            for (int p = 0; p < list.getLength(); p++) {
                Element parameter = (Element) list.item(p);
                if (text(parameter, "editable").equals("true")) {
                    parameters++;
                    if (text(parameter, "description").isBlank()) {
                        undescribed.add(goal + " " + text(parameter, "name"));
                    }
                }
            }
        }
        assertTrue(parameters > 50, parameters + " parameters");
        assertEquals(List.of(), undescribed, "goals and parameters without a description");
    }

    private static String text(Element element, String child) {
        NodeList nodes = element.getElementsByTagName(child);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
    }
}
