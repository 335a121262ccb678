#!/usr/bin/env bash
# Generating records from a schema into a topic/s (generate with Datafaker values, Avro-encode, the publish step's
# producer) vs Kafka's ProducerPerformance (kafka-tools 4.3.1) sending records of the same average size to the
# same embedded broker. Prints both and the ratio (target >= 0.8).
# Usage: bench/generate.sh [records] [rounds]
source "$(dirname "$0")/common.sh"
exec "$JAVA" -cp "$CP" io.dataops.sit.runner.bench.GenerateBench "${1:-200000}" "${2:-2}"
