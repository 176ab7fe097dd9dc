package dev.ledger.gateway.openapi;

import dev.ledger.events.problem.ErrorCode;
import dev.ledger.gateway.idempotency.IdempotencyKeyHeader;
import dev.ledger.gateway.metering.Metered;
import dev.ledger.gateway.problem.Problems;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

/**
 * Gives every operation the responses it really answers (docs/adr/017): its success status from
 * {@link ApiContract} (200 for a read, 204 for a DELETE), and one problem response per error status it can answer,
 * made of the codes API.md's conventions give an operation of its kind plus the codes of its own domain. The
 * {@code Idempotency-Key} an endpoint takes becomes the shared header parameter, required where API.md requires it.
 */
final class OperationContract implements OperationCustomizer {

    static final String PROBLEM_SCHEMA = "Problem";

    /** Every operation can answer these: bad input, no or a wrong key, a role refused, rate, outage, a bug. */
    private static final Set<ErrorCode> EVERY_OPERATION = EnumSet.of(ErrorCode.VALIDATION_FAILED,
            ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN, ErrorCode.RATE_LIMITED, ErrorCode.SERVICE_UNAVAILABLE,
            ErrorCode.INTERNAL_ERROR);

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        ApiContract contract = handler.getMethodAnnotation(ApiContract.class);
        RequestMethod method = httpMethod(handler);
        String path = path(handler);
        boolean metered = handler.hasMethodAnnotation(Metered.class);
        Idempotency idempotency = idempotency(operation, handler, method, path, metered);

        Set<ErrorCode> errors = EnumSet.copyOf(EVERY_OPERATION);
        if (path.contains("{")) {
            errors.add(ErrorCode.NOT_FOUND);
        }
        if (Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(RequestBody.class))) {
            errors.add(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        }
        if (idempotency != Idempotency.NONE) {
            errors.addAll(EnumSet.of(ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT, ErrorCode.IDEMPOTENCY_KEY_REUSED));
        }
        if (idempotency == Idempotency.REQUIRED) {
            errors.add(ErrorCode.IDEMPOTENCY_KEY_MISSING);
        }
        if (hasParameter(operation, "minVersion")) {
            errors.add(ErrorCode.READ_MODEL_BEHIND);
        }
        if (metered) {
            errors.addAll(EnumSet.of(ErrorCode.INSUFFICIENT_CREDITS, ErrorCode.NO_BILLING_WALLET));
        }
        if (contract != null) {
            errors.addAll(Arrays.asList(contract.errors()));
        }

        int status = contract != null ? contract.status() : method == RequestMethod.DELETE ? 204 : 200;
        ApiResponses generated = operation.getResponses();
        Content body = generated == null || generated.get("200") == null ? null : generated.get("200").getContent();
        ApiResponses responses = new ApiResponses();
        responses.addApiResponse(String.valueOf(status), success(status, body, contract != null && contract.location(),
                idempotency != Idempotency.NONE));
        if (contract != null && contract.mayAccept()) {
            responses.addApiResponse("202", success(202, body, true, idempotency != Idempotency.NONE));
        }
        problems(errors, idempotency != Idempotency.NONE).forEach(responses::addApiResponse);
        operation.setResponses(responses);

        if (operation.getDescription() == null) {
            operation.setDescription(operation.getSummary());
        }
        return operation;
    }

    private enum Idempotency { NONE, OPTIONAL, REQUIRED }

    /**
     * API.md §1: every POST on wallets, holds, transfers, transactions and escrows requires the key; on
     * {@code /api/admin/**} and {@code /api/audit/**}, and on metered endpoints, it is optional. An endpoint takes
     * one when it takes the header as an {@link IdempotencyKeyHeader} (or is metered, where the filter reads it).
     */
    private static Idempotency idempotency(Operation operation, HandlerMethod handler, RequestMethod method,
                                           String path, boolean metered) {
        boolean declared = Arrays.stream(handler.getMethodParameters())
                .anyMatch(p -> p.getParameterType() == IdempotencyKeyHeader.class);
        if (!declared && !metered) {
            return Idempotency.NONE;
        }
        Idempotency idempotency = method == RequestMethod.POST && !metered && !path.startsWith("/api/admin/")
                && !path.startsWith("/api/audit/") ? Idempotency.REQUIRED : Idempotency.OPTIONAL;
        List<Parameter> parameters = operation.getParameters() == null ? new ArrayList<>()
                : new ArrayList<>(operation.getParameters());
        parameters.add(0, new Parameter().$ref("#/components/parameters/" + (idempotency == Idempotency.REQUIRED
                ? OpenApiContract.KEY_REQUIRED : OpenApiContract.KEY_OPTIONAL)));
        operation.setParameters(parameters);
        return idempotency;
    }

    private static ApiResponse success(int status, Content body, boolean location, boolean idempotent) {
        ApiResponse response = new ApiResponse().description(HttpStatus.valueOf(status).getReasonPhrase());
        if (status != 204 && body != null) {
            response.setContent(body);
        }
        if (location || status == 202) {
            response.addHeaderObject(HttpHeaders.LOCATION, header(OpenApiContract.LOCATION));
        }
        if (idempotent) {
            response.addHeaderObject(OpenApiContract.REPLAYED, header(OpenApiContract.REPLAYED));
        }
        return response;
    }

    /** One response per status, listing its codes; the problem schema's {@code code} enum names them all. */
    private static Map<String, ApiResponse> problems(Set<ErrorCode> errors, boolean idempotent) {
        Map<Integer, List<ErrorCode>> byStatus = errors.stream().collect(Collectors.groupingBy(
                code -> Problems.status(code).value(), TreeMap::new, Collectors.toList()));
        Map<String, ApiResponse> responses = new TreeMap<>();
        byStatus.forEach((status, codes) -> {
            ApiResponse response = new ApiResponse()
                    .description(HttpStatus.valueOf(status).getReasonPhrase() + ": " + codes.stream()
                            .map(code -> "`" + code.code() + "`").collect(Collectors.joining(", ")))
                    .content(new Content().addMediaType(Problems.PROBLEM_JSON.toString(), new MediaType()
                            .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
            if (status == 429 || status == 503) {
                response.addHeaderObject(HttpHeaders.RETRY_AFTER, header(OpenApiContract.RETRY_AFTER));
            }
            // a rejection the domain decided is the command's outcome, answered again for its key
            if (idempotent && codes.stream().anyMatch(ErrorCode::isDecidedByDomain)) {
                response.addHeaderObject(OpenApiContract.REPLAYED, header(OpenApiContract.REPLAYED));
            }
            responses.put(String.valueOf(status), response);
        });
        return responses;
    }

    private static Header header(String name) {
        return new Header().$ref("#/components/headers/" + name);
    }

    private static boolean hasParameter(Operation operation, String name) {
        return operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> name.equals(p.getName()));
    }

    private static RequestMethod httpMethod(HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        return mapping == null || mapping.method().length == 0 ? RequestMethod.GET : mapping.method()[0];
    }

    private static String path(HandlerMethod handler) {
        RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class);
        RequestMapping method = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        return first(type) + first(method);
    }

    private static String first(RequestMapping mapping) {
        return mapping == null || mapping.path().length == 0 ? "" : mapping.path()[0];
    }
}
