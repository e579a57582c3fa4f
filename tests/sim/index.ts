import { type WorldFiles, writeWorldFiles } from './files/write-world';
import { Accounts } from './portals/accounts';
import { Captchas } from './portals/captcha';
import {
  type Faults,
  healthyFaults,
  type PortalCounters,
  type PortalFaults,
  zeroCounters,
} from './portals/faults';
import { servePortal } from './portals/http';
import { preiHandler } from './portals/prei';
import { saiHandler } from './portals/sai';
import { type AnswerKey, answerKey } from './world/answer-key';
import { type WorldView, worldAsOf } from './world/as-of';
import { SUPPLIER } from './world/catalog';
import { dayFromIso, isoOf } from './world/days';
import { generateWorld } from './world/generate';
import type { World, WorldParams } from './world/types';

export { writeWorldFiles } from './files/write-world';
export type { Faults, PortalCounters, PortalFaults } from './portals/faults';
export type { AnswerKey } from './world/answer-key';
export { answerKey } from './world/answer-key';
export type { WorldView } from './world/as-of';
export { worldAsOf } from './world/as-of';
export { DEFAULT_WORLD, generateWorld } from './world/generate';
export type { World, WorldParams } from './world/types';

export interface SimulatorCredentials {
  sai: { user: string; password: string };
  prei: { user: string; password: string; supplierNumber: string };
}

/** Demo accounts of the simulated portals (invented; they open nothing real). */
export const DEMO_CREDENTIALS: SimulatorCredentials = {
  sai: { user: 'proveedor.puente', password: 'Sai-Demo-2025!' },
  prei: { user: 'PUENTE01', password: 'Prei-Demo-2025!', supplierNumber: SUPPLIER.preiNumber },
};

/** Accounts of another supplier: they log in fine and see none of the world's records. */
export const OTHER_SUPPLIER_CREDENTIALS: SimulatorCredentials = {
  sai: { user: 'otro.proveedor', password: 'Otro-Demo-2025!' },
  prei: { user: 'OTRO01', password: 'Otro-Demo-2025!', supplierNumber: '0000999001' },
};

export interface SimulatorOptions {
  /** A generated world, or the parameters to generate one (defaults: DEFAULT_WORLD). */
  world?: World | Partial<WorldParams>;
  /** The day the portals show (ISO); defaults to the world's end date. */
  asOf?: string;
  /** 0 (default) picks free ports. */
  ports?: { sai?: number; prei?: number };
  faults?: { sai?: Partial<PortalFaults>; prei?: Partial<PortalFaults> };
  /** Enables GET <saiUrl>/__test__/captcha?id=... (the captcha's answer) for tests. Off by default. */
  testMode?: boolean;
}

export interface Simulator {
  saiUrl: string;
  preiUrl: string;
  credentials: SimulatorCredentials;
  world: World;
  /** The day the portals show, ISO. */
  readonly asOf: string;
  setAsOf(isoDate: string): void;
  view(): WorldView;
  answerKey(): AnswerKey;
  /** Mutable: change any field at any time, it applies from the next request. */
  faults: Faults;
  counters: { sai: PortalCounters; prei: PortalCounters };
  resetCounters(): void;
  testHooks: {
    /** The text a person would read in SAI's captcha (id from the iframe's data-captcha-id). */
    captchaAnswer(captchaId: string): string | null;
    /** Ends every session of a portal (both when omitted): "session expired mid-run". */
    expireSessions(portal?: 'sai' | 'prei'): void;
    /** Lifts lockouts and forgets failed attempts. */
    unlock(portal?: 'sai' | 'prei'): void;
  };
  writeWorldFiles(dir: string): Promise<WorldFiles>;
  close(): Promise<void>;
}

function isWorld(value: SimulatorOptions['world']): value is World {
  return value !== undefined && 'altas' in value;
}

/** Starts SAI and PREI on 127.0.0.1 over one world. No side effect until called. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const world = isWorld(options.world) ? options.world : generateWorld(options.world);
  let view = worldAsOf(world, options.asOf ?? world.params.endDate);
  const faults: Faults = {
    sai: healthyFaults(options.faults?.sai),
    prei: healthyFaults(options.faults?.prei),
  };
  const counters = { sai: zeroCounters(), prei: zeroCounters() };
  const credentials = DEMO_CREDENTIALS;
  const other = OTHER_SUPPLIER_CREDENTIALS;
  const saiAccounts = new Accounts(
    [
      { ...credentials.sai, supplier: SUPPLIER.rfc },
      { ...other.sai, supplier: 'OTRO' },
    ],
    () => faults.sai,
  );
  const preiAccounts = new Accounts(
    [
      { user: credentials.prei.user, password: credentials.prei.password, supplier: SUPPLIER.preiNumber },
      { user: other.prei.user, password: other.prei.password, supplier: other.prei.supplierNumber },
    ],
    () => faults.prei,
  );
  const captchas = new Captchas();
  const sai = await servePortal(
    saiHandler({
      view: () => view,
      accounts: saiAccounts,
      captchas,
      faults: () => faults.sai,
      supplier: SUPPLIER.rfc,
      testMode: options.testMode ?? false,
      counters: counters.sai,
    }),
    () => faults.sai,
    counters.sai,
    options.ports?.sai ?? 0,
    world.params.seed ^ 0x5a1,
  );
  const prei = await servePortal(
    preiHandler({
      view: () => view,
      accounts: preiAccounts,
      faults: () => faults.prei,
      counters: counters.prei,
      supplier: SUPPLIER.preiNumber,
    }),
    () => faults.prei,
    counters.prei,
    options.ports?.prei ?? 0,
    world.params.seed ^ 0x9e1,
  );
  const accountsOf = (portal?: 'sai' | 'prei') =>
    portal === 'sai' ? [saiAccounts] : portal === 'prei' ? [preiAccounts] : [saiAccounts, preiAccounts];

  return {
    saiUrl: sai.url,
    preiUrl: prei.url,
    credentials,
    world,
    get asOf() {
      return isoOf(view.asOf);
    },
    setAsOf(isoDate) {
      view = worldAsOf(world, dayFromIso(isoDate));
    },
    view: () => view,
    answerKey: () => answerKey(world, view.asOf),
    faults,
    counters,
    resetCounters() {
      Object.assign(counters.sai, zeroCounters());
      Object.assign(counters.prei, zeroCounters());
    },
    testHooks: {
      captchaAnswer: (id) => captchas.answer(id),
      expireSessions: (portal) => {
        for (const accounts of accountsOf(portal)) accounts.expireAll();
      },
      unlock: (portal) => {
        for (const accounts of accountsOf(portal)) accounts.unlock();
      },
    },
    writeWorldFiles: (dir) => writeWorldFiles(dir, world, view.asOf),
    async close() {
      await Promise.all([sai.close(), prei.close()]);
    },
  };
}

export { configureDemo, solveCaptchaAsPerson } from './demo';
