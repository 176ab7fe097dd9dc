# syntax=docker/dockerfile:1

# Build: the same command a developer runs, with the Maven repository cached between builds.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 chmod +x mvnw && ./mvnw -B -q -DskipTests package

# Run: a JRE, the Spring Boot jar and an unprivileged user.
FROM eclipse-temurin:17-jre
RUN groupadd --system ledger \
    && useradd --system --gid ledger --home-dir /app --no-create-home ledger \
    && mkdir -p /app/data \
    && chown -R ledger:ledger /app
WORKDIR /app
COPY --from=build /src/gateway/target/ledger.jar /app/ledger.jar
USER ledger
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/ledger.jar"]
