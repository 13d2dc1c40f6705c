/**
 * A function's LoggingConfig and SnapStart settings: what CreateFunction / UpdateFunctionConfiguration
 * accept and how Lambda renders them (recorded: TestLoggingConfig, TestLambdaSnapStart).
 * https://docs.aws.amazon.com/lambda/latest/api/API_LoggingConfig.html
 * https://docs.aws.amazon.com/lambda/latest/api/API_SnapStart.html
 *
 * - LoggingConfig updates merge with what the function has; `JSON` shows both log levels (INFO
 *   unless set), `Text` none; the log group is `/aws/lambda/<name>` unless set.
 * - SnapStart `ApplyOn` is `PublishedVersions` or `None`; the optimisation stays `Off` (no versions
 *   are published here).
 *
 * Known gaps: the log-level and log-format enums are not validated; the settings do not change how
 * the function runs or logs.
 */
import { validationError } from "./lambda-errors.ts";

export interface LoggingSettings {
  LogFormat?: string;
  ApplicationLogLevel?: string;
  SystemLogLevel?: string;
  LogGroup?: string;
}

export function mergeLogging(
  current: LoggingSettings | undefined,
  input: unknown,
): LoggingSettings | undefined {
  if (input === undefined || input === null) return current;
  const sent = input as LoggingSettings;
  const merged: LoggingSettings = { ...current };
  for (const key of ["LogFormat", "ApplicationLogLevel", "SystemLogLevel", "LogGroup"] as const) {
    if (typeof sent[key] === "string") merged[key] = sent[key];
  }
  return merged;
}

export function renderLogging(name: string, settings: LoggingSettings | undefined): Record<string, string> {
  const format = settings?.LogFormat ?? "Text";
  const group = settings?.LogGroup ?? `/aws/lambda/${name}`;
  if (format !== "JSON") return { LogFormat: format, LogGroup: group };
  return {
    ApplicationLogLevel: settings?.ApplicationLogLevel ?? "INFO",
    LogFormat: format,
    LogGroup: group,
    SystemLogLevel: settings?.SystemLogLevel ?? "INFO",
  };
}

export function checkSnapStart(input: unknown): string | undefined {
  if (input === undefined || input === null) return undefined;
  const applyOn = (input as { ApplyOn?: unknown }).ApplyOn;
  if (applyOn !== "PublishedVersions" && applyOn !== "None") {
    throw validationError(
      "snapStart.applyOn",
      applyOn,
      "Member must satisfy enum value set: [PublishedVersions, None]",
    );
  }
  return applyOn;
}
