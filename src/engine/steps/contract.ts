/**
 * The step contract: each step kind declared once — its parameters, private saved state and public
 * output as zod schemas, and its handler — so the engine parses what goes in at the boundary and
 * the handler is typed end to end. See docs/architecture.md ("The step contract").
 */
import * as z from "zod";
import { InternalError } from "../../errors.js";
import { jsonValue } from "../json-value.js";
import type { Json, WaitReason } from "../types.js";
import type { StepContext, StepHandler, StepResult } from "./handler.js";

/** Anything that declares an output schema: a step contract, read by the steps that use its output. */
export interface OutputSource<O> {
  readonly kind: string;
  readonly output: z.ZodType<O>;
}

/** What a typed handler sees: its own saved state, and other steps' outputs typed by their producers' schemas. */
export interface TypedStepContext<S> extends Omit<StepContext, "state" | "outputOf"> {
  /** What the step saved when it last waited, parsed with its state schema; null the first time. */
  state: S | null;
  /** The output of an earlier step of the run that succeeded, parsed with the producer's output schema; null when there is none. */
  outputOf<O>(producer: OutputSource<O>, stepKey: string): O | null;
}

export type TypedStepResult<S, O> =
  | { outcome: "done"; output: O }
  /** `output`: the step's public progress while it waits (a canary's phase and weights), if it has any. */
  | { outcome: "wait"; reason: WaitReason; wakeAtMs: number | null; state: S; output?: O };

export interface StepContract<P, S, O> extends StepHandler, OutputSource<O> {
  readonly params: z.ZodType<P>;
  readonly state: z.ZodType<S>;
  /** The typed handler; `run` is the same, with its input parsed and its result as JSON. */
  handle(ctx: TypedStepContext<S>, params: P): Promise<TypedStepResult<S, O>>;
  /** The typed context of this step from the engine's (for a step that runs another one, the train rollback). */
  typed<S2>(ctx: StepContext, state: z.ZodType<S2>): TypedStepContext<S2>;
}

/** A step with no saved state, or no output. */
export const NO_STATE = z.null();
export const NO_OUTPUT = z.null();

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
  throw new InternalError(`${what} does not match its schema: ${issues}`);
}

function typedContext<S>(ctx: StepContext, state: z.ZodType<S>, kind: string): TypedStepContext<S> {
  return {
    ...ctx,
    state: ctx.state === null ? null : parse(state, ctx.state, `the saved state of ${kind} step ${ctx.stepKey}`),
    outputOf: <O>(producer: OutputSource<O>, stepKey: string): O | null => {
      const raw = ctx.outputOf(stepKey);
      return raw === null ? null : parse(producer.output, raw, `the output of ${producer.kind} step ${stepKey}`);
    },
  };
}

function toResult<S, O>(result: TypedStepResult<S, O>): StepResult {
  if (result.outcome === "done")
    return result.output === null ? { outcome: "done" } : { outcome: "done", output: jsonValue(result.output) };
  const { reason, wakeAtMs, state, output } = result;
  return {
    outcome: "wait",
    reason,
    wakeAtMs,
    ...(state === null ? {} : { state: jsonValue(state) }),
    ...(output === undefined ? {} : { output: jsonValue(output) }),
  };
}

export interface StepSchemas<P, S, O> {
  kind: string;
  params: z.ZodType<P>;
  state: z.ZodType<S>;
  output: z.ZodType<O>;
}

/**
 * Declares a step kind: `defineStep({kind, params, state, output}).handledBy(handler)`. The schemas
 * fix the types; the handler (a second call, so TypeScript checks it against them rather than
 * inferring from it) receives parsed parameters and saved state.
 */
export function defineStep<P, S, O>(
  schemas: StepSchemas<P, S, O>,
): { handledBy(handle: StepContract<P, S, O>["handle"]): StepContract<P, S, O> } {
  const { kind } = schemas;
  return {
    handledBy: (handle) => ({
      ...schemas,
      handle,
      typed: (ctx, state) => typedContext(ctx, state, kind),
      run: async (ctx: StepContext, params: Json) => {
        const parsed = parse(schemas.params, params, `the parameters of ${kind} step ${ctx.stepKey}`);
        return toResult(await handle(typedContext(ctx, schemas.state, kind), parsed));
      },
    }),
  };
}
