"""Declarative (data) rules: the rule-file schema, its loader and the four rule kinds."""
