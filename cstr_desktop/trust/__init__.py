"""Signatures and keys: Ed25519 signed objects and certificates, the audit chain's
hashes and its check, the key file with each account's sealed key slot, and the
wrapping of keys under passwords. No database here."""
