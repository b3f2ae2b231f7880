// `npm run bench`: runs each benchmark section, prints its numbers and rewrites docs/benchmarks.md from all of them.
// A new section is one import and one line in `sections` below.
import { runEngineBench } from '../lib/bench/engine';
import { runMqttE2eBench } from '../lib/bench/mqtt-e2e';
import { printSection, writeReport, type BenchSection } from '../lib/bench/report';

const sections: (() => Promise<BenchSection>)[] = [runEngineBench, runMqttE2eBench];

async function main() {
  const results: BenchSection[] = [];
  for (const run of sections) {
    const section = await run();
    printSection(section);
    results.push(section);
  }
  console.log(`\nWrote ${writeReport(results)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
