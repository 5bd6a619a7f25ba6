package dev.trustgate.testkit;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

/**
 * trustgate's served OpenAPI document held against what the tests exchange with a server, with Atlassian's
 * swagger-request-validator: every answer must be one the document describes (its status, media type and body, with no
 * field it does not name), and every request the server accepted (2xx) one the document describes. A request the
 * server refused is not held to it: tests send bad requests on purpose, and the refusal they get is checked instead.
 * An answer to a path or method the document does not list is checked only to be the server's 404 or 405, and
 * Jetty's 431 (headers too large, answered before any route) is not the API's.
 */
public final class OpenApiContract {

    /** One validator per distinct document: parsing one takes longer than a test's exchanges. */
    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

    private final OpenApiInteractionValidator validator;
    private final List<String> besides;

    private OpenApiContract(OpenApiInteractionValidator validator, List<String> besides) {
        this.validator = validator;
        this.besides = List.copyOf(besides);
    }

    /** The contract {@code document} (OpenAPI JSON) states. */
    public static OpenApiContract of(String document) {
        return new OpenApiContract(VALIDATORS.computeIfAbsent(document,
                spec -> OpenApiInteractionValidator.createForInlineApiSpecification(spec).build()), List.of());
    }

    /** This contract, leaving alone what the server serves under {@code prefixes} beside its API (the console's pages). */
    public OpenApiContract besides(String... prefixes) {
        List<String> all = new java.util.ArrayList<>(besides);
        all.addAll(List.of(prefixes));
        return new OpenApiContract(validator, all);
    }

    /** Fails when {@code response} to {@code request} (whose body was {@code body}) breaks the contract. */
    public void check(HttpRequest request, byte[] body, HttpResponse<String> response) {
        List<String> problems = problems(request, body, response.statusCode(),
                response.headers().firstValue("Content-Type"), response.body());
        if (!problems.isEmpty()) {
            throw new AssertionError(request.method() + " " + request.uri().getRawPath() + " answered " + response.statusCode()
                    + " breaks the OpenAPI document:\n  " + String.join("\n  ", problems) + "\nbody: " + abbreviated(response.body()));
        }
    }

    /** Fails when {@code response} to {@code request} breaks the contract, reading the request's body from its publisher. */
    public void check(HttpRequest request, HttpResponse<String> response) {
        check(request, body(request), response);
    }

    /** What is wrong with the exchange, as the validator words it; empty when the document describes it. */
    public List<String> problems(HttpRequest request, byte[] body, int status, Optional<String> contentType, String responseBody) {
        if (status == 431 || besides.stream().anyMatch(prefix -> request.uri().getPath().startsWith(prefix))) {
            return List.of();
        }
        Request validated = request(request, body);
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(status);
        contentType.ifPresent(answer::withContentType);
        if (responseBody != null && !responseBody.isEmpty()) {
            answer.withBody(responseBody);
        }
        ValidationReport report = validator.validateResponse(validated.getPath(), validated.getMethod(), answer.build());
        if (status >= 200 && status < 300) {
            report = report.merge(validator.validateRequest(validated));
        }
        boolean unlisted = report.getMessages().stream().anyMatch(m -> m.getKey().equals("validation.request.path.missing")
                || m.getKey().equals("validation.request.operation.notAllowed"));
        if (unlisted && (status == 404 || status == 405)) {
            return List.of();
        }
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage()).toList();
    }

    private static Request request(HttpRequest request, byte[] body) {
        URI uri = request.uri();
        SimpleRequest.Builder builder = new SimpleRequest.Builder(request.method(), uri.getPath());
        request.headers().map().forEach((name, values) -> builder.withHeader(name, values));
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                builder.withQueryParam(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (body.length > 0) {
            builder.withBody(new String(body, StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    /** The bytes a request's body publisher gives (the JDK's publishers of strings and byte arrays give them at once). */
    public static byte[] body(HttpRequest request) {
        if (request.bodyPublisher().isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable throwable) {
                throw new IllegalStateException(throwable);
            }

            @Override
            public void onComplete() {
            }
        });
        return bytes.toByteArray();
    }

    private static String abbreviated(String body) {
        return body == null || body.length() <= 2000 ? String.valueOf(body) : body.substring(0, 2000) + "…";
    }
}
