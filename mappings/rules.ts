/**
 * The arithmetic rules (勾稽关系, format.md §5) as data. Each rule is an
 * equation template expanded over a dimension: `{col}`, `{row}`, `{block}` take
 * every value of that dimension; `{applicant}`, `{resultRow}`, `{outcome}`
 * expand into the summands. Only cells of the report's detected format are
 * used, so the 2019 and 2021 result rows need no rule of their own.
 */
import type { ProblemCode } from '../src/model/problems.js';

export interface RuleDef {
  code: Extract<ProblemCode, 'T3_BALANCE' | 'T3_ROW_TOTAL' | 'T3_RESULT_TOTAL' | 'T4_TOTAL'>;
  /** The dimension the rule is checked once per value of. */
  each: 'col' | 'row' | 'block';
  /** Human description with the dimension placeholder, used in messages. */
  describe: string;
  lhs: string[];
  rhs: string[];
}

export const rules: RuleDef[] = [
  {
    code: 'T3_BALANCE',
    each: 'col',
    describe: '一+二 = 三(七)总计+四',
    lhs: ['t3.newReceived.{col}', 't3.carriedOver.{col}'],
    rhs: ['t3.resultTotal.{col}', 't3.carriedForward.{col}'],
  },
  {
    code: 'T3_ROW_TOTAL',
    each: 'row',
    describe: '总计 = 六类申请人之和',
    lhs: ['t3.{row}.total'],
    rhs: ['t3.{row}.{applicant}'],
  },
  {
    code: 'T3_RESULT_TOTAL',
    each: 'col',
    describe: '（七）总计 = 各办理结果之和',
    lhs: ['t3.resultTotal.{col}'],
    rhs: ['t3.{resultRow}.{col}'],
  },
  {
    code: 'T4_TOTAL',
    each: 'block',
    describe: '总计 = 维持+纠正+其他+尚未审结',
    lhs: ['t4.{block}.total'],
    rhs: ['t4.{block}.{outcome}'],
  },
];
