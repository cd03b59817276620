import { z } from 'zod';
import { zOptionalText, zText } from './common.ts';

// The five "rõ" are optional in the schema on purpose: a missing one is refused by the domain rule
// with 422 FIVE_CLEAR_MISSING naming each, not by a generic 400.
const blankable = <T extends z.ZodType>(schema: T) => z.union([schema, z.literal('')]).nullish();

export const ZMilestoneInput = z.object({ title: zText(300), dueAt: z.iso.datetime({ offset: true }) });

export const ZCreateTaskRequest = z.object({
  title: zOptionalText(300),
  description: blankable(z.string().max(10000)),
  ownerId: blankable(z.uuid()),
  accountableId: blankable(z.uuid()),
  dueAt: blankable(z.iso.datetime({ offset: true })),
  expectedResult: blankable(z.string().max(5000)),
  authority: zOptionalText(1000),
  sourceDocument: zOptionalText(300),
  priority: z.enum(['normal', 'high', 'urgent']).default('normal'),
  milestones: z.array(ZMilestoneInput).max(30).default([]),
  collaboratorIds: z.array(z.uuid()).max(50).default([]),
  hard: z.boolean().default(false),
});
export type TCreateTaskRequest = z.infer<typeof ZCreateTaskRequest>;

export const ZTaskSummary = z.object({
  id: z.string(),
  no: z.number(),
  title: z.string(),
  status: z.enum(['open', 'in_progress', 'submitted', 'done', 'cancelled']),
  statusLabel: z.string(),
  priority: z.enum(['normal', 'high', 'urgent']),
  hard: z.boolean(),
  unitId: z.string(),
  unitName: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  accountableName: z.string(),
  dueAt: z.string(),
  originalDueAt: z.string(),
  progress: z.number(),
  timeliness: z.enum(['on_time', 'extended', 'late']).nullable(),
  bounceReasons: z.array(z.string()),
  transferCount: z.number(),
});
export type TTaskSummary = z.infer<typeof ZTaskSummary>;

export const ZTask = ZTaskSummary.extend({
  description: z.string(),
  expectedResult: z.string(),
  authority: z.string().nullable(),
  sourceDocument: z.string().nullable(),
  accountableId: z.string(),
  collaborators: z.array(z.object({ id: z.string(), fullName: z.string() })),
  milestones: z.array(z.object({ title: z.string(), dueAt: z.string(), doneAt: z.string().nullable() })),
  submittedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  pendingExtension: z.object({ newDueAt: z.string(), reason: z.string(), requestedAt: z.string() }).nullable(),
  extensionCount: z.number(),
  allowedActions: z.array(z.string()),
  files: z.array(z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number(), createdAt: z.string() })),
  timeline: z.array(z.object({ seq: z.number(), at: z.string(), type: z.string(), label: z.string(), status: z.string(), actor: z.string(), data: z.record(z.string(), z.unknown()) })),
});
export type TTask = z.infer<typeof ZTask>;

export const ZTaskListQuery = z.object({
  view: z.enum(['mine', 'unit', 'assigned', 'bounced', 'all']).default('mine'),
  status: z.string().max(100).optional(),
  due: z.enum(['soon', 'overdue']).optional(),
  hard: z.enum(['true', 'false']).optional(),
  q: z.string().max(200).optional(),
  unitId: z.uuid().optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  // Drill-down from the metrics: tasks whose first deadline falls in [from, to] (Vietnamese dates),
  // done on time (by it), after an extension, or late (after the extended deadline).
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  timeliness: z.enum(['on_time', 'extended', 'late']).optional(),
});

export const ZTaskActionRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('report_progress'), percent: z.number().int().min(0).max(100), note: zText(5000), milestoneIndex: z.number().int().min(0).max(29).optional() }),
  z.object({ type: z.literal('submit'), note: zText(5000) }),
  z.object({ type: z.literal('accept'), note: zOptionalText(5000) }),
  z.object({ type: z.literal('send_back'), reason: zText(5000) }),
  z.object({ type: z.literal('request_extension'), newDueAt: z.iso.datetime({ offset: true }), reason: zText(2000) }),
  z.object({ type: z.literal('decide_extension'), approve: z.boolean(), reason: zText(2000) }),
  z.object({ type: z.literal('transfer'), toOwnerId: z.uuid(), reason: zText(2000) }),
  z.object({ type: z.literal('cancel'), reason: zText(2000) }),
]);
export type TTaskActionRequest = z.infer<typeof ZTaskActionRequest>;

export const ZTaskFigures = z.object({
  total: z.number(),
  done: z.number(),
  onTime: z.number(),
  extended: z.number(),
  late: z.number(),
  openOverdue: z.number(),
  bounced: z.number(),
  onTimeRate: z.number().nullable(),
  goal: z.literal(100),
});

export const ZCommitment = z.object({
  id: z.string(),
  year: z.number(),
  kind: z.enum(['follow_uncle_ho', 'hard_task']),
  officialId: z.string().nullable(),
  officialName: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  title: z.string(),
  description: z.string(),
  taskId: z.string().nullable(),
  taskStatus: z.string().nullable(),
  evaluation: z.enum(['done', 'partly', 'not_done']).nullable(),
  evaluationNote: z.string().nullable(),
});
export type TCommitment = z.infer<typeof ZCommitment>;

export const ZCreateCommitmentRequest = z.object({
  year: z.number().int().min(2020).max(2100),
  kind: z.enum(['follow_uncle_ho', 'hard_task']),
  /** Absent: a collective commitment of the unit. */
  officialId: z.uuid().nullish(),
  unitId: z.uuid(),
  title: zText(500),
  description: z.string().max(5000).default(''),
  taskId: z.uuid().nullish(),
});

export const ZEvaluateCommitmentRequest = z.object({
  evaluation: z.enum(['done', 'partly', 'not_done']),
  note: zText(5000),
});

export const ZQuotaRow = z.object({
  officialId: z.string(),
  fullName: z.string(),
  unitName: z.string(),
  partyRole: z.string(),
  isHead: z.boolean(),
  required: z.number(),
  registered: z.number(),
  linked: z.number(),
  delivered: z.number(),
  shortfall: z.number(),
});
