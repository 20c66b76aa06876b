"use client";

// Inside this segment's layout, so a failed page keeps the offer's header, footer and colour.
export { default } from "../../error";
