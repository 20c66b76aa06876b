import type { Metadata } from "next";
import type { Brand } from "@/lib/brand/brand";

/** A buyer segment's titles: the page's words, then the product's name (never the portal's). */
export const brandTitle = (brand: Brand): Metadata => ({ title: { default: brand.productName, template: `%s · ${brand.productName}` } });
