"""Publishing the catalogue: an OpenActive RPDE feed, an HSDS 3 export, schema.org JSON-LD (no Flask here)."""
