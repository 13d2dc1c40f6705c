/** awsJson1_1 timestamps without a timestampFormat trait travel as epoch seconds (fractional). */
export const epochSeconds = (d: Date): number => d.getTime() / 1000;
