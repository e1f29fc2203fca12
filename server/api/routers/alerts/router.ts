// alerts.*: wiring only; the rules are in server/alerts. Everyone signed in sees rules, channels
// (without secrets), history and the delivery log; editors manage rules and channels, send tests
// and notify owners.
import { createTRPCRouter, editorProcedure, protectedProcedure } from "../../trpc";
import { createChannel, createRule, deleteChannel, deleteRule, listChannels, listRecipientTeams, listRules, testChannel, updateChannel, updateRule } from "../../../alerts/manage";
import { alertHistory, deliveryLog } from "../../../alerts/history";
import { notifyOwners, runImpact } from "../../../alerts/impact";
import {
  createChannelInput,
  createRuleInput,
  deleteInput,
  deliveriesInput,
  historyInput,
  notifyOwnersInput,
  recipientTeamsInput,
  runImpactInput,
  testChannelInput,
  updateChannelInput,
  updateRuleInput,
} from "../../../alerts/schemas";

export const alertsRouter = createTRPCRouter({
  rules: protectedProcedure.query(listRules),
  createRule: editorProcedure.input(createRuleInput).mutation(createRule),
  updateRule: editorProcedure.input(updateRuleInput).mutation(updateRule),
  deleteRule: editorProcedure.input(deleteInput).mutation(deleteRule),
  /** Teams a rule may notify (names and channels), for the rule dialog. */
  recipientTeams: protectedProcedure.input(recipientTeamsInput).query(listRecipientTeams),
  channels: protectedProcedure.query(listChannels),
  createChannel: editorProcedure.input(createChannelInput).mutation(createChannel),
  updateChannel: editorProcedure.input(updateChannelInput).mutation(updateChannel),
  deleteChannel: editorProcedure.input(deleteInput).mutation(deleteChannel),
  /** Sends a test message now and returns the receiver's answer. */
  testChannel: editorProcedure.input(testChannelInput).mutation(testChannel),
  /** Fired alerts, newest first. */
  history: protectedProcedure.input(historyInput).query(alertHistory),
  /** Messages with their attempts. */
  deliveries: protectedProcedure.input(deliveriesInput).query(deliveryLog),
  /** A run's downstream datasets and their owners. */
  runImpact: protectedProcedure.input(runImpactInput).query(runImpact),
  notifyOwners: editorProcedure.input(notifyOwnersInput).mutation(notifyOwners),
});
