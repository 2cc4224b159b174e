"""Offline Arabic geoparser for Iraqi security news."""
