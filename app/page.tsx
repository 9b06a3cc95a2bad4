export default function Home() {
  return <main>Mixroom</main>;
}
