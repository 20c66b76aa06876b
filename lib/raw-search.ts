/** Header carrying the landing page's query string exactly as the browser sent it (set in proxy.ts). */
export const RAW_SEARCH_HEADER = "x-portal-raw-search";
