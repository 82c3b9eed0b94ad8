/** TypeScript for node-side tests: @swc/jest, CommonJS, no type-checking (tsc -b does that). */
module.exports = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    {
      jsc: { parser: { syntax: 'typescript', tsx: false }, target: 'es2022' },
      module: { type: 'commonjs' },
    },
  ],
}
