package io.dataops.sit.runner.testing;

import org.apache.avro.Schema;

/** Schemas the generator tests share: an Avro order with most types and logical types, and a JSON Schema one. */
public final class GeneratorSchemas {

    private GeneratorSchemas() {}

    public static final Schema ORDER = new Schema.Parser().parse("""
            {"type": "record", "name": "Order", "namespace": "shop", "fields": [
              {"name": "id", "type": "long"},
              {"name": "order_id", "type": {"type": "string", "logicalType": "uuid"}},
              {"name": "email", "type": "string"},
              {"name": "first_name", "type": "string"},
              {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "SHIPPED", "CLOSED"]}},
              {"name": "quantity", "type": "int"},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
              {"name": "ordered_at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "delivery", "type": {"type": "int", "logicalType": "date"}},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "attributes", "type": {"type": "map", "values": "double"}},
              {"name": "customer", "type": {"type": "record", "name": "Customer", "fields": [
                {"name": "name", "type": "string"},
                {"name": "phone", "type": ["null", "string"]},
                {"name": "city", "type": "string"}]}}
            ]}""");

    public static final String ORDER_JSON_SCHEMA = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema",
             "type": "object", "required": ["id", "email", "status", "amount"],
             "properties": {
               "id": {"type": "integer"},
               "email": {"type": "string", "format": "email"},
               "status": {"enum": ["NEW", "SHIPPED"]},
               "amount": {"type": "number", "minimum": 0, "maximum": 500},
               "code": {"type": "string", "minLength": 3, "maxLength": 5},
               "created": {"type": "string", "format": "date-time"},
               "lines": {"type": "array", "items": {"$ref": "#/$defs/line"}, "maxItems": 3}
             },
             "$defs": {"line": {"type": "object", "properties": {"sku": {"type": "string"}}}}}""";
}
