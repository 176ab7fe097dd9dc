package dev.ledger.gateway.http;

import dev.ledger.gateway.problem.RequestValidation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Hands controllers the request body as a {@link JsonBody}, read straight from the request stream; that a body is
 * declared {@code application/json} at all is checked before, by {@link StrictRequestFilter}.
 */
@Configuration(proxyBeanMethods = false)
public class JsonBodyArgumentResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private static final int MAX_BODY_BYTES = 64 * 1024;

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == JsonBody.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        byte[] raw;
        try (InputStream in = request.getInputStream()) {
            raw = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException unreadable) {
            // a malformed chunked encoding, or a client gone mid-body: there is no request to run either way
            throw RequestValidation.invalid("body", "could not be read: its framing is malformed or it ended early");
        }
        if (raw.length > MAX_BODY_BYTES) {
            throw RequestValidation.invalid("body", "is larger than 64 KiB");
        }
        return JsonBody.parse(raw);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }
}
