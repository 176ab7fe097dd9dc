package dev.ledger.gateway.http;

import dev.ledger.events.problem.FieldError;
import java.lang.reflect.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Request bodies are records, read by {@link RequestRecordConverter} and checked by their Bean Validation
 * constraints ({@code @Valid}); what is wrong with one is reported field by field in one 400
 * ({@code problem.ProblemHandler}).
 */
@Configuration(proxyBeanMethods = false)
public class RequestRecords implements WebMvcConfigurer {

    private final jakarta.validation.Validator validator;

    public RequestRecords(jakarta.validation.Validator validator) {
        this.validator = validator;
    }

    /** Spring Boot puts converter beans before its own: request records are read by this one, not plain Jackson. */
    @Bean
    RequestRecordConverter requestRecordConverter() {
        return new RequestRecordConverter(validator);
    }

    /**
     * {@code @Valid} with the field names and messages of API.md §1 ({@code legs[0].amount}, {@code metadata.key}), in
     * the order of the record's fields; Spring's own adapter would read the rejected values back from the record
     * through bean getters, which records do not have.
     */
    @Override
    public Validator getValidator() {
        return new Validator() {
            @Override
            public boolean supports(Class<?> type) {
                return type.isRecord();
            }

            @Override
            public void validate(Object record, Errors errors) {
                for (FieldError violation : Violations.of(validator, record)) {
                    if (errors instanceof BindingResult result) {
                        result.addError(new org.springframework.validation.FieldError(result.getObjectName(),
                                violation.field(), null, false, null, null, violation.message()));
                    } else {
                        errors.reject("invalid", violation.field() + " " + violation.message());
                    }
                }
            }
        };
    }

    /** A request without a body is read as {@code {}}: a command without fields needs none. */
    @ControllerAdvice
    static class EmptyBody extends RequestBodyAdviceAdapter {

        private final RequestRecordConverter converter;

        EmptyBody(RequestRecordConverter converter) {
            this.converter = converter;
        }

        @Override
        public boolean supports(MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
            return converterType == RequestRecordConverter.class;
        }

        @Override
        public Object handleEmptyBody(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
                                      Class<? extends HttpMessageConverter<?>> converterType) {
            return converter.empty(parameter.getParameterType(), input);
        }
    }
}
