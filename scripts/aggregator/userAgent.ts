/** The User-Agent of every request the aggregator and the editor tools make: who we are and where to read about it. */
export const USER_AGENT = 'WideNet/0.1 (+https://github.com/wide-net/wide-net; feed aggregator for a public-domain news database)';
