# syntax=docker/dockerfile:1
#
# tocsin container image: build the production jar with Maven, run it on a JRE as a non-root user.
#
#   docker build -t tocsin:dev .
#   docker run --rm -p 8080:8080 --read-only --tmpfs /tmp \
#     -v tocsin-state:/var/lib/tocsin/state \
#     -e TOCSIN_KAFKA__BOOTSTRAP_SERVERS=broker:9092 tocsin:dev
#
# Checked by src/test/java/io/tocsin/ops/DockerfileTest.java (the hadolint rules that matter here).

# ---- build ------------------------------------------------------------------------------------
# Build tool only, never shipped. The tag pins Maven 3.9 on Temurin 17 (what the pom's enforcer
# requires); patch releases float so the build picks up Maven fixes.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build

# Dependencies first, in their own layer: it is rebuilt only when pom.xml changes, not on every
# source edit. (go-offline cannot see plugins' lazily resolved artifacts, e.g. the formatter;
# `package` fetches those few.)
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline

COPY src ./src
# -DskipTests still compiles the tests (they share the reactor); CI runs them, the image build does
# not. `package` writes the production artifact: target/tocsin.jar (tocsin's own classes, main
# class io.tocsin.app.TocsinMain, Class-Path lib/tocsin-lib.jar) and target/lib/tocsin-lib.jar (the
# dependencies, without the development-only broker and with Linux natives only). The development
# jar (local mode, bench) is not built here.
RUN mvn -B -DskipTests -DskipITs -Dtocsin.dev.skip=true package

# ---- runtime ----------------------------------------------------------------------------------
# eclipse-temurin JRE on Ubuntu 24.04 (noble):
#  - JRE, not JDK: over 100 MB smaller, and no compiler or jshell in production.
#  - Ubuntu (glibc), not Alpine (musl): RocksDB (Kafka Streams state), Netty and the AWS CRT ship
#    native libraries built and tested for glibc first; musl variants lag or are missing.
#  - noble, not jammy: the newer LTS, supported longer. There is no "slim" Temurin variant.
#  - The Ubuntu Temurin images install curl (adoptium/containers keeps it on purpose), which the
#    HEALTHCHECK below uses; the Alpine and UBI-minimal variants do not have it.
# The tag pins Java 17 and the OS release; the JRE patch floats so a rebuild picks up security
# fixes. Pin a digest (@sha256:...) through Renovate/Dependabot for byte-for-byte rebuilds.
FROM eclipse-temurin:17-jre-noble AS runtime

ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="tocsin" \
      org.opencontainers.image.description="Streaming alert processor for AWS: Kinesis (CloudWatch Logs, CloudTrail) to Kafka Streams detectors to SNS and PagerDuty" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.base.name="docker.io/library/eclipse-temurin:17-jre-noble"

# A fixed, numeric UID/GID (10001, clear of Ubuntu's uid 1000 "ubuntu" user) so Kubernetes
# runAsNonRoot can verify it and volume ownership (fsGroup) is predictable across rebuilds.
# Only the state directory is writable; the jar and config stay root-owned and read-only.
RUN groupadd --system --gid 10001 tocsin \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/tocsin --no-create-home \
      --shell /usr/sbin/nologin tocsin \
 && mkdir -p /app /etc/tocsin/rules /var/lib/tocsin/state \
 && chown -R 10001:10001 /var/lib/tocsin

WORKDIR /app
# Dependencies first, in a layer of their own (about 70 MB) that a code change leaves untouched:
# pushes and pulls after a code change move only the small tocsin.jar layer below.
COPY --from=build /build/target/lib/ /app/lib/
COPY --from=build /build/target/tocsin.jar /app/tocsin.jar
COPY src/main/docker/config.yaml /etc/tocsin/config.yaml

# JVM flags for a container, read by the java launcher (exec-form ENTRYPOINT expands no variables).
# Override the whole set with -e JDK_JAVA_OPTIONS=... (the Helm value javaOptions does that).
#  - MaxRAMPercentage=60: heap is sized from the container memory limit, leaving 40% for what is
#    off-heap here: RocksDB block caches and memtables, metaspace, thread stacks, Netty buffers.
#  - ExitOnOutOfMemoryError: a JVM past OOM is in an unknown state; exit and let the orchestrator
#    restart it (state is rebuilt from changelogs, Kinesis resumes from the last checkpoint).
#  - UseG1GC: explicit, because below 2 CPUs or 1792 MB the JVM would pick the Serial collector.
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC"

USER 10001:10001
EXPOSE 8080

# Liveness only (process up and serving HTTP). Readiness (/health/ready) is for load balancers and
# Kubernetes probes: an instance restoring state is not ready, but it is healthy. Port 8080 is the
# api.port of the default config. Kubernetes ignores HEALTHCHECK and uses the chart's probes.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["curl", "--fail", "--silent", "--show-error", "--max-time", "4", "--output", "/dev/null", "http://127.0.0.1:8080/health/live"]

# java is PID 1 and receives SIGTERM directly, so Kafka Streams and the KCL shut down cleanly
# (checkpointing the Kinesis shards they hold). The base image's CA-bundle entrypoint is bypassed:
# for a private Kafka CA set kafka.properties ssl.truststore.location to a mounted file.
ENTRYPOINT ["java", "-jar", "/app/tocsin.jar"]
CMD ["run", "--config", "/etc/tocsin/config.yaml"]
