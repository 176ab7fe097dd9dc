package dev.ledger.gateway.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@code GET /console} (API.md §11): the console's page, a static file of this jar
 * ({@code static/console/index.html}, served by Spring's resource handler like its scripts and styles).
 * A forward rather than a redirect, so the address people bookmark stays {@code /console}. Nothing here is under
 * {@code /api/}, so loading the console needs no key; every call the page makes afterwards sends the signed-in one.
 */
@Configuration
public class ConsoleRoutes implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/console").setViewName("forward:/console/index.html");
        registry.addViewController("/console/").setViewName("forward:/console/index.html");
    }
}
