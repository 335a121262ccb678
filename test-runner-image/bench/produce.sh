#!/usr/bin/env bash
# Producing fixture records/s: the publish step's code path vs Kafka's ProducerPerformance (kafka-tools
# 4.3.1) against the same embedded broker. Prints both and the ratio (target >= 0.8).
# Usage: bench/produce.sh [records] [record-size] [rounds]
source "$(dirname "$0")/common.sh"
exec "$JAVA" -cp "$CP" io.dataops.sit.runner.bench.ProduceBench "${1:-500000}" "${2:-100}" "${3:-2}"
