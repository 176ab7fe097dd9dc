package dev.ledger.gateway.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link ProblemErrorReportValve} where Tomcat's HTML error report valve would be: on the host, whose pipeline
 * every request passes, mapped to the application or not.
 */
@Configuration(proxyBeanMethods = false)
public class ContainerProblemsConfiguration implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final ObjectMapper json;

    public ContainerProblemsConfiguration(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                // the host adds a valve of this class only when its pipeline has none yet
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                host.getPipeline().addValve(new ProblemErrorReportValve(json));
            }
        });
    }
}
