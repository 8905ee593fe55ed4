package org.hls.query.web;

/**
 * What the dashboard page needs to know to work against this deployment.
 *
 * @param commandServiceUrl where recorded learning is sent
 * @param devIssuerUrl      the development token issuer for demo sign-in, or empty where a real OIDC provider signs
 *                          people in
 * @param oidcIssuerUrl     the OpenID Connect provider people sign in through, or empty for demo sign-in only
 * @param oidcClientId      the page's client id at that provider
 * @param streamKeepAliveMs how often a dashboard stream is written to when nothing changes: a stream silent for a few
 *                          times as long has been lost without being closed (a laptop asleep, a dropped route)
 */
public record PageConfiguration(String commandServiceUrl, String devIssuerUrl, String oidcIssuerUrl,
                                String oidcClientId, long streamKeepAliveMs) {
}
