package io.credpool.aws.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class XmlTest {

    @Test
    void findsTheFirstElementAndDecodesEntities() {
        String xml = "<R xmlns=\"x\"><AccessKeyIdX>no</AccessKeyIdX><AccessKeyId a=\"1\">\n  AK&amp;ID&#x2B;&#43;&lt;&gt;&quot;&apos;&bogus;\n"
                + "</AccessKeyId><Empty/><AccessKeyId>second</AccessKeyId></R>";
        assertEquals("AK&ID++<>\"'&bogus;", Xml.text(xml, "AccessKeyId"));
        assertEquals("", Xml.text(xml, "Empty"));
        assertNull(Xml.text(xml, "Missing"));
        assertNull(Xml.text("<Open>never closed", "Open"));
        assertNull(Xml.text(null, "A"));
        assertNull(Xml.text("<A", "A"));
    }
}
