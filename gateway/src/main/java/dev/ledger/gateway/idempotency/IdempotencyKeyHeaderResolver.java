package dev.ledger.gateway.idempotency;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets controllers take the request's {@link IdempotencyKeyHeader} as a parameter. The OpenAPI document declares the
 * header for every endpoint that takes one ({@code openapi.OperationContract}).
 */
@Configuration(proxyBeanMethods = false)
public class IdempotencyKeyHeaderResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == IdempotencyKeyHeader.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        // the first value: more than one is refused before any endpoint runs (SingleKeyFilter)
        return new IdempotencyKeyHeader(request.getHeader(IdempotencyHeaders.KEY), request.getMethod(),
                request.getRequestURI());
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }
}
