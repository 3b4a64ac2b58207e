"""Load and validate stages: the record schema, the YAML loader, the validator, the cross-record
checks and the project configuration. Imports nothing from the later stages."""
