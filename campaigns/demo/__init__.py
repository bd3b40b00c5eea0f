"""Demo content for Nanchang County, loaded by the load_demo management command."""
