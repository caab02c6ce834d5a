// Types for the news-widget JS API (window.NewsWidget), shipped beside news-widget.js.

export type NewsWidgetPart = "article" | "rating" | "recommendations";
export type NewsWidgetList = "related" | "popular" | "recommended";

export interface NewsWidgetOptions {
  /** API base URL, e.g. "https://api.example.com/v1" (required by `mount`). */
  endpoint?: string | URL;
  /** Article id, e.g. "a-123" (required by `mount`). */
  article?: string;
  /** Parts to show; comma list or array. Default: all three. */
  parts?: string | NewsWidgetPart[];
  /** Recommendation lists; comma list or array. Default: all three. */
  lists?: string | NewsWidgetList[];
  /** BCP 47 language tag; default: the page's <html lang>, then the browser. */
  lang?: string;
  /** Colour scheme; default "auto" (follows prefers-color-scheme live). */
  theme?: "light" | "dark" | "auto";
  /** Request timeout in ms; default 10000. */
  timeout?: number | string;
  /** Render only near the viewport; default true. */
  lazy?: boolean | "true" | "false";
}

/** What `mount()` needs: the options, with `endpoint` and `article` required. */
export interface NewsWidgetMountOptions extends NewsWidgetOptions {
  endpoint: string | URL;
  article: string;
}

export interface NewsWidgetHandle {
  readonly element: Element;
  /** Merges `options` into the current options and re-renders. */
  update(options: NewsWidgetOptions): void;
  /** Unmounts the widget and aborts its requests. */
  destroy(): void;
}

export interface NewsWidgetApi {
  readonly version: string;
  mount(element: Element, options: NewsWidgetMountOptions): Promise<NewsWidgetHandle>;
}

export interface NewsWidgetEventMap {
  "news-widget:ready": CustomEvent<{ article: string; parts: NewsWidgetPart[] }>;
  "news-widget:error": CustomEvent<{ kind: string; message: string }>;
  "news-widget:rated": CustomEvent<{ article: string; voted: boolean; count: number }>;
  "news-widget:recommendation-click": CustomEvent<{
    article: string; list: NewsWidgetList; id: string; url: string; position: number;
  }>;
}

declare global {
  /** Absent when the page already used the name for something else (one console
   *  warning; the element forms still work). */
  interface Window { NewsWidget?: NewsWidgetApi; }
  interface HTMLElementEventMap extends NewsWidgetEventMap {}
}
