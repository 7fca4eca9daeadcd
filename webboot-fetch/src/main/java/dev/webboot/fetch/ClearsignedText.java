package dev.webboot.fetch;

/** The text of a clearsigned message whose signature verified, and who signed it. */
public record ClearsignedText(String text, SignatureVerdict verdict) {}
