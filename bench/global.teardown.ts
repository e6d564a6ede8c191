import { joinParts } from './report';

export default function globalTeardown() {
  joinParts();
}
