package dev.webboot.net;

/** The text of a clearsigned message whose signature verified, and who signed it. */
public record ClearsignedText(String text, SignatureVerdict verdict) {}
