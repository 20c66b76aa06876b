import { describe, expect, it } from "vitest";
import { visibleDays } from "./visible-days";

const days = (counts: number[]) => counts.map((created, i) => ({ day: `d${i}`, created, cancelled: 0 }));

describe("the days the activity chart draws", () => {
  it("starts at the first active day, and shows at least a week", () => {
    const month = days([...Array(29).fill(0), 3]);
    expect(visibleDays(month).map((d) => d.day)).toEqual(["d23", "d24", "d25", "d26", "d27", "d28", "d29"]);
    expect(visibleDays(days([0, 0, 1, ...Array(27).fill(0)]))).toHaveLength(28);
    expect(visibleDays(days([1, ...Array(29).fill(0)]))).toHaveLength(30);
  });

  it("draws nothing when nothing happened", () => {
    expect(visibleDays(days(Array(30).fill(0)))).toEqual([]);
  });
});
