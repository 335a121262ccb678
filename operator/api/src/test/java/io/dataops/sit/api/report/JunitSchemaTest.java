package io.dataops.sit.api.report;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunnerResult;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

/** The JUnit XML a CI job fetches is what Jenkins and GitLab read: validated against their schema's constraints. */
class JunitSchemaTest {

    static Validator validator() throws SAXException {
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(JunitSchemaTest.class.getResource("/junit-jenkins.xsd"))
                .newValidator();
    }

    @Test
    void aFailedRunWithScenariosAndThresholdsIsValid() {
        assertThatCode(() -> validator()
                        .validate(new StreamSource(new StringReader(Reports.junitXml(ReportsTest.sample())))))
                .doesNotThrowAnyException();
    }

    @Test
    void aRunErrorWithoutScenariosAndASkippedScenarioAreValid() {
        RunnerResult error = new RunnerResult();
        error.setOutcome(Outcome.ERROR);
        error.setReason("ConfigMapNotFound");
        error.setMessage("ConfigMap orders-features not found");
        RunnerResult skipped = ReportsTest.sample();
        skipped.getScenarioResults().add(ReportsTest.scenario("Later", "skipped", null));
        assertThatCode(() -> {
                    validator().validate(new StreamSource(new StringReader(Reports.junitXml(error))));
                    validator().validate(new StreamSource(new StringReader(Reports.junitXml(skipped))));
                })
                .doesNotThrowAnyException();
    }

    @Test
    void theSchemaRefusesWhatThoseReadersRefuse() {
        String noName = "<testsuites><testsuite tests=\"1\"><testcase name=\"x\"/></testsuite></testsuites>";
        assertThatThrownBy(() -> validator().validate(new StreamSource(new StringReader(noName))))
                .isInstanceOf(SAXException.class)
                .hasMessageContaining("name");
    }
}
