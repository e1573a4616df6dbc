import airline from "./bank/airline.json";
import bank from "./bank/bank.json";
import carDealer from "./bank/car-dealer.json";
import clinic from "./bank/clinic.json";
import generic from "./bank/generic.json";
import hotel from "./bank/hotel.json";
import itSupport from "./bank/it-support.json";
import publicService from "./bank/public-service.json";
import restaurant from "./bank/restaurant.json";
import retail from "./bank/retail.json";
import servqual from "./bank/servqual.json";
import telecom from "./bank/telecom.json";
import {
  BankFileError,
  industryKeys,
  loadBankFile,
  loadServqualFile,
  type BankFile,
  type BankItem,
  type GronroosCriterionKey,
  type IndustryKey,
  type ServqualDimensionKey,
} from "./bank-schema";
import type { CompleteLocalizedText } from "@/lib/i18n/localized-text";

export type { BankItem, IndustryKey };
export { industryKeys };

/** Each industry's bank file as read, before its schema check (the bank test checks them one by one). */
export const rawBanks: Record<IndustryKey, unknown> = {
  generic,
  hotel,
  restaurant,
  clinic,
  bank,
  airline,
  "car-dealer": carDealer,
  telecom,
  retail,
  "it-support": itSupport,
  "public-service": publicService,
};

function loadAll(): Record<IndustryKey, BankFile> {
  const loaded = {} as Record<IndustryKey, BankFile>;
  for (const key of industryKeys) {
    const source = `lib/questions/bank/${key}.json`;
    const file = loadBankFile(rawBanks[key], source);
    // A file copied from another industry and not renamed would silently
    // serve the wrong items; the file name is the key.
    if (file.industry !== key) throw new BankFileError(source, `"industry" is "${file.industry}", expected "${key}"`);
    loaded[key] = file;
  }
  return loaded;
}

// Validated once at module load; see frameworks.ts for why.
const banks = loadAll();
const servqualFile = loadServqualFile(servqual, "lib/questions/bank/servqual.json");

/** Industries in dropdown order, "generic" first. */
export const industries: readonly { key: IndustryKey; name: CompleteLocalizedText }[] = industryKeys.map((key) => ({
  key,
  name: banks[key].name,
}));

export function isIndustryKey(value: unknown): value is IndustryKey {
  return typeof value === "string" && (industryKeys as readonly string[]).includes(value);
}

/** The industry's own Grönroos items for a criterion (no generic fill). */
export function industryItems(industry: IndustryKey, criterion: GronroosCriterionKey): BankItem[] {
  return banks[industry].items.filter((item) => item.criterion === criterion);
}

/** Industry items first, then the generic ones that fill up. */
export function gronroosCandidates(industry: IndustryKey, criterion: GronroosCriterionKey): BankItem[] {
  const own = industryItems(industry, criterion);
  return industry === "generic" ? own : [...own, ...industryItems("generic", criterion)];
}

/** The SERVQUAL items of one dimension, in the instrument's order. */
export function servqualItems(dimension: ServqualDimensionKey): BankItem[] {
  return servqualFile.items.filter((item) => item.criterion === dimension);
}

const byId = new Map<string, BankItem>([...Object.values(banks).flatMap((file) => file.items), ...servqualFile.items].map((item) => [item.id, item]));

/** Any bank item (any industry or SERVQUAL) by its stable id. */
export function findBankItem(id: string): BankItem | undefined {
  return byId.get(id);
}
