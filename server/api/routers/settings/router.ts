// settings.*: wiring only; each procedure is a handler({ ctx, input }) of server/settings.
import { adminProcedure, createTRPCRouter } from "../../trpc";
import { listSettings, listStoreBuckets, resetSetting, updateSetting } from "../../../settings/settings";
import { resetSettingInput, updateSettingInput } from "../../../settings/schemas";

export const settingsRouter = createTRPCRouter({
  list: adminProcedure.query(listSettings),
  update: adminProcedure.input(updateSettingInput).mutation(updateSetting),
  reset: adminProcedure.input(resetSettingInput).mutation(resetSetting),
  buckets: adminProcedure.query(({ ctx }) => listStoreBuckets({ ctx, input: undefined })),
});
